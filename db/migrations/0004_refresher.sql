CREATE TABLE `evaluation_failures` (
	`partner_id` integer PRIMARY KEY NOT NULL,
	`as_of` text NOT NULL,
	`message` text NOT NULL,
	`failed_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	FOREIGN KEY (`partner_id`) REFERENCES `partners`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `evaluation_refresh_runs` (
	`as_of` text PRIMARY KEY NOT NULL,
	`holder` text NOT NULL,
	`lease_until_ms` integer NOT NULL,
	`cursor` integer DEFAULT 0 NOT NULL,
	`passes` integer DEFAULT 1 NOT NULL,
	`refreshed` integer DEFAULT 0 NOT NULL,
	`failed` integer DEFAULT 0 NOT NULL,
	`started_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`finished_at` text
);
--> statement-breakpoint
CREATE TABLE `portfolio_generation` (
	`id` integer PRIMARY KEY NOT NULL,
	`n` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `partner_evaluations_revenue_idx` ON `partner_evaluations` (`qualifying_revenue_cents`);--> statement-breakpoint
CREATE INDEX `partner_evaluations_level_revenue_idx` ON `partner_evaluations` (`level_rank`,`qualifying_revenue_cents`);--> statement-breakpoint
CREATE INDEX `partner_evaluations_shortfall_idx` ON `partner_evaluations` (`next_shortfall_bp`);--> statement-breakpoint
CREATE INDEX `partner_evaluations_exams_idx` ON `partner_evaluations` (`next_exams_needed`);--> statement-breakpoint
CREATE INDEX `partner_evaluations_slots_idx` ON `partner_evaluations` (`gold_slots_filled`,`silver_slots_filled`);--> statement-breakpoint
CREATE INDEX `partner_evaluations_as_of_idx` ON `partner_evaluations` (`as_of`);
--> statement-breakpoint
INSERT INTO `portfolio_generation` (`id`, `n`) VALUES (1, 0);
--> statement-breakpoint
-- The portfolio caches its counts per generation (lib/server/portfolio.ts).
CREATE TRIGGER `partners_insert_portfolio_generation` AFTER INSERT ON `partners`
BEGIN
  UPDATE portfolio_generation SET n = n + 1 WHERE id = 1;
END;
--> statement-breakpoint
-- The portfolio caches its counts per generation (lib/server/portfolio.ts).
CREATE TRIGGER `partners_update_portfolio_generation` AFTER UPDATE ON `partners`
BEGIN
  UPDATE portfolio_generation SET n = n + 1 WHERE id = 1;
END;
--> statement-breakpoint
-- The portfolio caches its counts per generation (lib/server/portfolio.ts).
CREATE TRIGGER `partners_delete_portfolio_generation` AFTER DELETE ON `partners`
BEGIN
  UPDATE portfolio_generation SET n = n + 1 WHERE id = 1;
END;
--> statement-breakpoint
-- The portfolio caches its counts per generation (lib/server/portfolio.ts).
CREATE TRIGGER `partner_evaluations_insert_portfolio_generation` AFTER INSERT ON `partner_evaluations`
BEGIN
  UPDATE portfolio_generation SET n = n + 1 WHERE id = 1;
END;
--> statement-breakpoint
-- The portfolio caches its counts per generation (lib/server/portfolio.ts).
CREATE TRIGGER `partner_evaluations_update_portfolio_generation` AFTER UPDATE ON `partner_evaluations`
BEGIN
  UPDATE portfolio_generation SET n = n + 1 WHERE id = 1;
END;
--> statement-breakpoint
-- The portfolio caches its counts per generation (lib/server/portfolio.ts).
CREATE TRIGGER `partner_evaluations_delete_portfolio_generation` AFTER DELETE ON `partner_evaluations`
BEGIN
  UPDATE portfolio_generation SET n = n + 1 WHERE id = 1;
END;
--> statement-breakpoint
-- The portfolio caches its counts per generation (lib/server/portfolio.ts).
CREATE TRIGGER `evaluation_failures_insert_portfolio_generation` AFTER INSERT ON `evaluation_failures`
BEGIN
  UPDATE portfolio_generation SET n = n + 1 WHERE id = 1;
END;
--> statement-breakpoint
-- The portfolio caches its counts per generation (lib/server/portfolio.ts).
CREATE TRIGGER `evaluation_failures_update_portfolio_generation` AFTER UPDATE ON `evaluation_failures`
BEGIN
  UPDATE portfolio_generation SET n = n + 1 WHERE id = 1;
END;
--> statement-breakpoint
-- The portfolio caches its counts per generation (lib/server/portfolio.ts).
CREATE TRIGGER `evaluation_failures_delete_portfolio_generation` AFTER DELETE ON `evaluation_failures`
BEGIN
  UPDATE portfolio_generation SET n = n + 1 WHERE id = 1;
END;
--> statement-breakpoint
-- The portfolio caches its counts per generation (lib/server/portfolio.ts).
CREATE TRIGGER `review_notes_insert_portfolio_generation` AFTER INSERT ON `review_notes`
BEGIN
  UPDATE portfolio_generation SET n = n + 1 WHERE id = 1;
END;
--> statement-breakpoint
-- The portfolio caches its counts per generation (lib/server/portfolio.ts).
CREATE TRIGGER `review_notes_update_portfolio_generation` AFTER UPDATE ON `review_notes`
BEGIN
  UPDATE portfolio_generation SET n = n + 1 WHERE id = 1;
END;
--> statement-breakpoint
-- The portfolio caches its counts per generation (lib/server/portfolio.ts).
CREATE TRIGGER `review_notes_delete_portfolio_generation` AFTER DELETE ON `review_notes`
BEGIN
  UPDATE portfolio_generation SET n = n + 1 WHERE id = 1;
END;
--> statement-breakpoint
-- A failure to evaluate is forgotten with the facts that caused it (as migration 0003 does for the stored row).
CREATE TRIGGER `customers_insert_evaluation_failure` AFTER INSERT ON `customers`
BEGIN
  DELETE FROM evaluation_failures WHERE partner_id = NEW.partner_id;
END;
--> statement-breakpoint
-- A failure to evaluate is forgotten with the facts that caused it (as migration 0003 does for the stored row).
CREATE TRIGGER `customers_update_evaluation_failure` AFTER UPDATE ON `customers`
BEGIN
  DELETE FROM evaluation_failures WHERE partner_id IN (OLD.partner_id, NEW.partner_id);
END;
--> statement-breakpoint
-- A failure to evaluate is forgotten with the facts that caused it (as migration 0003 does for the stored row).
CREATE TRIGGER `customers_delete_evaluation_failure` AFTER DELETE ON `customers`
BEGIN
  DELETE FROM evaluation_failures WHERE partner_id = OLD.partner_id;
END;
--> statement-breakpoint
-- A failure to evaluate is forgotten with the facts that caused it (as migration 0003 does for the stored row).
CREATE TRIGGER `revenue_lines_insert_evaluation_failure` AFTER INSERT ON `revenue_lines`
BEGIN
  DELETE FROM evaluation_failures WHERE partner_id = NEW.partner_id;
END;
--> statement-breakpoint
-- A failure to evaluate is forgotten with the facts that caused it (as migration 0003 does for the stored row).
CREATE TRIGGER `revenue_lines_update_evaluation_failure` AFTER UPDATE ON `revenue_lines`
BEGIN
  DELETE FROM evaluation_failures WHERE partner_id IN (OLD.partner_id, NEW.partner_id);
END;
--> statement-breakpoint
-- A failure to evaluate is forgotten with the facts that caused it (as migration 0003 does for the stored row).
CREATE TRIGGER `revenue_lines_delete_evaluation_failure` AFTER DELETE ON `revenue_lines`
BEGIN
  DELETE FROM evaluation_failures WHERE partner_id = OLD.partner_id;
END;
--> statement-breakpoint
-- A failure to evaluate is forgotten with the facts that caused it (as migration 0003 does for the stored row).
CREATE TRIGGER `individuals_insert_evaluation_failure` AFTER INSERT ON `individuals`
BEGIN
  DELETE FROM evaluation_failures WHERE partner_id = NEW.partner_id;
END;
--> statement-breakpoint
-- A failure to evaluate is forgotten with the facts that caused it (as migration 0003 does for the stored row).
CREATE TRIGGER `individuals_update_evaluation_failure` AFTER UPDATE ON `individuals`
BEGIN
  DELETE FROM evaluation_failures WHERE partner_id IN (OLD.partner_id, NEW.partner_id);
END;
--> statement-breakpoint
-- A failure to evaluate is forgotten with the facts that caused it (as migration 0003 does for the stored row).
CREATE TRIGGER `individuals_delete_evaluation_failure` AFTER DELETE ON `individuals`
BEGIN
  DELETE FROM evaluation_failures WHERE partner_id = OLD.partner_id;
END;
--> statement-breakpoint
-- A failure to evaluate is forgotten with the facts that caused it (as migration 0003 does for the stored row).
CREATE TRIGGER `exam_passes_insert_evaluation_failure` AFTER INSERT ON `exam_passes`
BEGIN
  DELETE FROM evaluation_failures WHERE partner_id = NEW.partner_id;
END;
--> statement-breakpoint
-- A failure to evaluate is forgotten with the facts that caused it (as migration 0003 does for the stored row).
CREATE TRIGGER `exam_passes_update_evaluation_failure` AFTER UPDATE ON `exam_passes`
BEGIN
  DELETE FROM evaluation_failures WHERE partner_id IN (OLD.partner_id, NEW.partner_id);
END;
--> statement-breakpoint
-- A failure to evaluate is forgotten with the facts that caused it (as migration 0003 does for the stored row).
CREATE TRIGGER `exam_passes_delete_evaluation_failure` AFTER DELETE ON `exam_passes`
BEGIN
  DELETE FROM evaluation_failures WHERE partner_id = OLD.partner_id;
END;
--> statement-breakpoint
CREATE TRIGGER `partners_update_evaluation_failure` AFTER UPDATE OF `market`, `rule_set` ON `partners`
BEGIN
  DELETE FROM evaluation_failures WHERE partner_id = NEW.id;
END;
