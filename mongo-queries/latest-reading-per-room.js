// The latest reading of every room (by event time), from sensors.readings.
// Run: mongosh "$MONGODB_URI" --quiet mongo-queries/latest-reading-per-room.js
// Prints: roomId <TAB> ts <TAB> seq=N <TAB> temperature
(() => {
  const sensors = db.getSiblingDB(process.env.MONGODB_DATABASE || 'sensors');
  print('== latest reading per room ==');
  sensors.readings.aggregate([
    { $sort: { roomId: 1, ts: -1 } },   // walks the {roomId: 1, ts: -1} index
    { $group: { _id: '$roomId', ts: { $first: '$ts' }, seq: { $first: '$seq' }, temperature: { $first: '$temperature' } } },
    { $sort: { _id: 1 } }
  ]).forEach(d => print(`${d._id}\t${d.ts.toISOString()}\tseq=${d.seq}\t${d.temperature}`));
})();
