// The readings the streaming job did not accept and a user should see, per room, from sensors.late_readings (stored
// by `bin/pipeline sink late`; the sort walks the {roomId: 1, ts: -1} index): reason "too late" (more than L after the
// room's newest event time), "out of order" (its seq was never accepted: a higher seq came first) or "conflicting
// duplicate" (its seq was accepted with another event time or temperature; the accepted one is in sensors.readings).
// Each room: how many, the largest lateness (maxTs - ts), then its readings, newest event time first.
// Run: mongosh "$MONGODB_URI" --quiet mongo-queries/late-readings-per-room.js
// Optional: LIMIT readings listed per room (default 20).
// Prints: room <TAB> count=N <TAB> maxLate=S s, then per reading: <TAB> seq <TAB> ts <TAB> late=S s <TAB> reason
//   <TAB> topic:partition:offset
(() => {
  const sensors = db.getSiblingDB(process.env.MONGODB_DATABASE || 'sensors');
  const limit = Number(process.env.LIMIT || 20);
  if (!(Number.isInteger(limit) && limit > 0)) {
    print(`error: LIMIT must be a positive whole number, got '${process.env.LIMIT}'`);
    quit(2);
  }
  print('== late readings per room ==');
  sensors.late_readings.aggregate([
    { $sort: { roomId: 1, ts: -1 } },
    { $group: { _id: '$roomId', count: { $sum: 1 }, maxLate: { $max: '$lateMillis' },
      readings: { $push: { seq: '$seq', ts: '$ts', lateMillis: '$lateMillis', reason: '$reason', src: '$src' } } } },
    { $sort: { _id: 1 } }
  ]).forEach(room => {
    print(`${room._id}\tcount=${room.count}\tmaxLate=${(Number(room.maxLate) / 1000).toFixed(1)} s`);
    room.readings.slice(0, limit).forEach(r => print(`\t${r.seq}\t${r.ts.toISOString()}\t`
      + `late=${(Number(r.lateMillis) / 1000).toFixed(1)} s\t${r.reason}\t${r.src.topic}:${r.src.partition}:${r.src.offset}`));
  });
})();
