-- The review queue (and the header's count of it) is kept per generation of the data, like the
-- portfolio's counts (lib/server/generation-cache.ts). A reply to a review note changes the queue
-- ("answered"), and so does a level change recorded outside an evaluation's write: both bump it too.
CREATE TRIGGER `review_replies_insert_portfolio_generation` AFTER INSERT ON `review_replies`
BEGIN
  UPDATE portfolio_generation SET n = n + 1 WHERE id = 1;
END;
--> statement-breakpoint
CREATE TRIGGER `review_replies_update_portfolio_generation` AFTER UPDATE ON `review_replies`
BEGIN
  UPDATE portfolio_generation SET n = n + 1 WHERE id = 1;
END;
--> statement-breakpoint
CREATE TRIGGER `review_replies_delete_portfolio_generation` AFTER DELETE ON `review_replies`
BEGIN
  UPDATE portfolio_generation SET n = n + 1 WHERE id = 1;
END;
--> statement-breakpoint
CREATE TRIGGER `level_changes_insert_portfolio_generation` AFTER INSERT ON `level_changes`
BEGIN
  UPDATE portfolio_generation SET n = n + 1 WHERE id = 1;
END;
--> statement-breakpoint
CREATE TRIGGER `level_changes_delete_portfolio_generation` AFTER DELETE ON `level_changes`
BEGIN
  UPDATE portfolio_generation SET n = n + 1 WHERE id = 1;
END;
