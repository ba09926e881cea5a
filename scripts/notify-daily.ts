// The daily job of notifications: every partner's time-based notifications (a level at risk within 90/30
// days, the anniversary at 60/30/7 days, a person who fills a slot leaving) and the pending e-mails,
// daily digests included. Idempotent: run it as often as you like (cron, or the background refresher).
//   npm run notify:daily
import { closeDb } from "../db/client";
import { runDailyNotifications } from "../lib/server/notifications";

runDailyNotifications()
  .then((r) => {
    console.log(`notifications: ${r.partners} partners scanned, ${r.added} new`);
    closeDb();
  })
  .catch((err) => {
    console.error(err);
    process.exit(1);
  });
