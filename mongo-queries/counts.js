// Document counts of the pipeline's collections in database sensors, from the collections' metadata
// (estimatedDocumentCount: no scan, however large the collection; after an unclean shutdown of a real mongod it can
// be off until the collection is validated).
// Run: mongosh "$MONGODB_URI" --quiet mongo-queries/counts.js
// Prints: collection <TAB> count
(() => {
  const sensors = db.getSiblingDB(process.env.MONGODB_DATABASE || 'sensors');
  print('== counts ==');
  for (const name of ['readings', 'room_analytics', 'dead_letters', 'late_readings', 'room_hourly']) {
    print(`${name}\t${sensors.getCollection(name).estimatedDocumentCount()}`);
  }
})();
