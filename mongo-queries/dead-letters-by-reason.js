// Dead letters grouped by stage and reason, most frequent first, from sensors.dead_letters.
// Run: mongosh "$MONGODB_URI" --quiet mongo-queries/dead-letters-by-reason.js
// Prints: count <TAB> stage <TAB> latest time <TAB> reason
(() => {
  const sensors = db.getSiblingDB(process.env.MONGODB_DATABASE || 'sensors');
  print('== dead letters by reason ==');
  sensors.dead_letters.aggregate([
    { $group: { _id: { stage: '$stage', reason: '$reason' }, count: { $sum: 1 }, latest: { $max: '$time' } } },
    { $sort: { count: -1, '_id.stage': 1, '_id.reason': 1 } }
  ]).forEach(d => print(`${d.count}\t${d._id.stage}\t${d.latest.toISOString()}\t${d._id.reason}`));
})();
