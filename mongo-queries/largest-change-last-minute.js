// The rooms whose temperature changed most in the last minute: per room, the reading with the largest absolute
// change from its previous reading, largest first, from sensors.room_analytics.
// Run: mongosh "$MONGODB_URI" --quiet mongo-queries/largest-change-last-minute.js
// Optional: TOP (default 5), NOW=2026-11-21T16:00:00Z (default: the current time).
// Prints: roomId <TAB> change=C <TAB> at=ts
(() => {
  const sensors = db.getSiblingDB(process.env.MONGODB_DATABASE || 'sensors');
  const top = Number(process.env.TOP || 5);
  const now = process.env.NOW ? new Date(process.env.NOW) : new Date();
  const from = new Date(now.getTime() - 60 * 1000);
  print(`== top ${top} rooms by largest change in (${from.toISOString()}, ${now.toISOString()}] ==`);
  sensors.room_analytics.aggregate([
    { $match: { ts: { $gt: from, $lte: now }, change: { $ne: null } } },
    { $project: { roomId: 1, ts: 1, change: 1, size: { $abs: '$change' } } },
    { $sort: { size: -1, ts: -1 } },
    { $group: { _id: '$roomId', change: { $first: '$change' }, size: { $first: '$size' }, ts: { $first: '$ts' } } },
    { $sort: { size: -1, _id: 1 } },
    { $limit: top }
  ]).forEach(d => print(`${d._id}\tchange=${d.change.toFixed(3)}\tat=${d.ts.toISOString()}`));
})();
