// resetcheck's content-blocker bait, copied to dist/ads/adframe.js.
// The checker requests this path (HEAD, same origin): filter lists block
// "/adframe." and "/ads/", so no answer while the page itself answers means
// a blocker is filtering requests. It is never run, and empty on purpose:
// shipping it keeps the console free of a 404 on every visit.
