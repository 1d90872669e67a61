// Per-room average, minimum, maximum and count over the last N minutes, computed from the raw sensors.readings.
// Run: MINUTES=10 mongosh "$MONGODB_URI" --quiet mongo-queries/room-average-last-minutes.js
// Optional: MINUTES (default 10), NOW=2026-11-21T16:00:00Z (default: the current time).
// Prints: roomId <TAB> avg=A <TAB> min=B <TAB> max=C <TAB> count=N
(() => {
  const sensors = db.getSiblingDB(process.env.MONGODB_DATABASE || 'sensors');
  const minutes = Number(process.env.MINUTES || 10);
  if (!(minutes > 0)) {
    print(`error: MINUTES must be a positive number, got '${process.env.MINUTES}'`);
    quit(2);
  }
  const now = process.env.NOW ? new Date(process.env.NOW) : new Date();
  const from = new Date(now.getTime() - minutes * 60 * 1000);
  print(`== average per room over the last ${minutes} minutes (${from.toISOString()}, ${now.toISOString()}] ==`);
  sensors.readings.aggregate([
    { $match: { ts: { $gt: from, $lte: now } } },
    { $group: { _id: '$roomId', avg: { $avg: '$temperature' }, min: { $min: '$temperature' },
                max: { $max: '$temperature' }, count: { $sum: 1 } } },
    { $sort: { _id: 1 } }
  ]).forEach(d => print(`${d._id}\tavg=${d.avg.toFixed(3)}\tmin=${d.min}\tmax=${d.max}\tcount=${d.count}`));
})();
