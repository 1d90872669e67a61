// Dead letters of the last DAYS days grouped by stage and reason, most frequent first, from sensors.dead_letters
// (the time range walks the {time: -1} index).
// Run: mongosh "$MONGODB_URI" --quiet mongo-queries/dead-letters-by-reason.js
// Optional: DAYS (default 7), NOW=2026-11-21T16:00:00Z (default: the current time).
// Prints: count <TAB> stage <TAB> latest time <TAB> reason
(() => {
  const sensors = db.getSiblingDB(process.env.MONGODB_DATABASE || 'sensors');
  const days = Number(process.env.DAYS || 7);
  if (!(days > 0)) {
    print(`error: DAYS must be a positive number, got '${process.env.DAYS}'`);
    quit(2);
  }
  const now = process.env.NOW ? new Date(process.env.NOW) : new Date();
  const from = new Date(now.getTime() - days * 24 * 3600 * 1000);
  print(`== dead letters by reason since ${from.toISOString()} ==`);
  sensors.dead_letters.aggregate([
    { $match: { time: { $gt: from } } },
    { $group: { _id: { stage: '$stage', reason: '$reason' }, count: { $sum: 1 }, latest: { $max: '$time' } } },
    { $sort: { count: -1, '_id.stage': 1, '_id.reason': 1 } }
  ]).forEach(d => print(`${d.count}\t${d._id.stage}\t${d.latest.toISOString()}\t${d._id.reason}`));
})();
