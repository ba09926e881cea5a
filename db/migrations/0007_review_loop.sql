CREATE TABLE `level_changes` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`partner_id` integer NOT NULL,
	`from_level` text NOT NULL,
	`to_level` text NOT NULL,
	`as_of` text NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	FOREIGN KEY (`partner_id`) REFERENCES `partners`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `level_changes_partner_idx` ON `level_changes` (`partner_id`,`created_at`);--> statement-breakpoint
CREATE TABLE `mfa_reset_requests` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`target_user_id` integer NOT NULL,
	`requested_by` integer NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`confirmed_by` integer,
	`confirmed_at` text,
	`cancelled_at` text,
	FOREIGN KEY (`target_user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`requested_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`confirmed_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `mfa_reset_requests_target_idx` ON `mfa_reset_requests` (`target_user_id`);--> statement-breakpoint
CREATE TABLE `notification_scans` (
	`partner_id` integer PRIMARY KEY NOT NULL,
	`day` text NOT NULL,
	`evaluation_at` text,
	FOREIGN KEY (`partner_id`) REFERENCES `partners`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `notification_settings` (
	`user_id` integer PRIMARY KEY NOT NULL,
	`email_mode` text DEFAULT 'each' NOT NULL,
	`last_digest_on` text,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `notifications` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`user_id` integer NOT NULL,
	`partner_id` integer,
	`kind` text NOT NULL,
	`key` text NOT NULL,
	`data` text DEFAULT '{}' NOT NULL,
	`link` text NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`read_at` text,
	`mail` text DEFAULT 'pending' NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`partner_id`) REFERENCES `partners`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `notifications_user_key_uq` ON `notifications` (`user_id`,`key`);--> statement-breakpoint
CREATE INDEX `notifications_user_idx` ON `notifications` (`user_id`,`read_at`,`id`);--> statement-breakpoint
CREATE INDEX `notifications_mail_idx` ON `notifications` (`mail`,`user_id`);--> statement-breakpoint
CREATE TABLE `partner_levels` (
	`partner_id` integer PRIMARY KEY NOT NULL,
	`level` text NOT NULL,
	`since` text NOT NULL,
	FOREIGN KEY (`partner_id`) REFERENCES `partners`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `password_reset_tokens` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`user_id` integer NOT NULL,
	`token_hash` text NOT NULL,
	`created_at_ms` integer NOT NULL,
	`expires_at_ms` integer NOT NULL,
	`used_at_ms` integer,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `password_reset_tokens_hash_uq` ON `password_reset_tokens` (`token_hash`);--> statement-breakpoint
CREATE INDEX `password_reset_tokens_user_idx` ON `password_reset_tokens` (`user_id`,`created_at_ms`);--> statement-breakpoint
CREATE TABLE `review_replies` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`note_id` integer NOT NULL,
	`partner_id` integer NOT NULL,
	`author_id` integer NOT NULL,
	`body` text NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	FOREIGN KEY (`note_id`) REFERENCES `review_notes`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`partner_id`) REFERENCES `partners`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`author_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE restrict
);
--> statement-breakpoint
CREATE INDEX `review_replies_note_idx` ON `review_replies` (`note_id`,`created_at`);--> statement-breakpoint
CREATE INDEX `review_replies_partner_idx` ON `review_replies` (`partner_id`,`created_at`);--> statement-breakpoint
ALTER TABLE `review_notes` ADD `risk_seen` text;--> statement-breakpoint
CREATE INDEX `audit_at_idx` ON `audit_log` (`created_at`);--> statement-breakpoint
CREATE INDEX `audit_actor_idx` ON `audit_log` (`actor_id`,`created_at`);--> statement-breakpoint
CREATE INDEX `audit_entity_idx` ON `audit_log` (`entity`,`created_at`);--> statement-breakpoint
CREATE INDEX `audit_partner_entity_idx` ON `audit_log` (`partner_id`,`entity`,`created_at`);--> statement-breakpoint
-- Level tracking for the review queue and the channel managers' notifications: whenever a partner's
-- stored evaluation is written with a level different from the last one known, the change is recorded
-- (in the same transaction), whichever code path stored it. The first evaluation of a partner only
-- sets the baseline.
INSERT INTO partner_levels (partner_id, level, since) SELECT partner_id, level, as_of FROM partner_evaluations;
--> statement-breakpoint
CREATE TRIGGER `partner_evaluations_insert_level` AFTER INSERT ON `partner_evaluations`
BEGIN
  INSERT INTO level_changes (partner_id, from_level, to_level, as_of)
    SELECT NEW.partner_id, l.level, NEW.level, NEW.as_of FROM partner_levels l WHERE l.partner_id = NEW.partner_id AND l.level <> NEW.level;
  UPDATE partner_levels SET level = NEW.level, since = NEW.as_of WHERE partner_id = NEW.partner_id AND level <> NEW.level;
  -- Not "INSERT OR IGNORE": inside a trigger the firing statement's conflict handling (the refresher's
  -- upsert) overrides it, so the row is inserted only when missing.
  INSERT INTO partner_levels (partner_id, level, since)
    SELECT NEW.partner_id, NEW.level, NEW.as_of WHERE NOT EXISTS (SELECT 1 FROM partner_levels WHERE partner_id = NEW.partner_id);
END;
--> statement-breakpoint
CREATE TRIGGER `partner_evaluations_update_level` AFTER UPDATE OF `level` ON `partner_evaluations`
BEGIN
  INSERT INTO level_changes (partner_id, from_level, to_level, as_of)
    SELECT NEW.partner_id, l.level, NEW.level, NEW.as_of FROM partner_levels l WHERE l.partner_id = NEW.partner_id AND l.level <> NEW.level;
  UPDATE partner_levels SET level = NEW.level, since = NEW.as_of WHERE partner_id = NEW.partner_id AND level <> NEW.level;
  -- Not "INSERT OR IGNORE": inside a trigger the firing statement's conflict handling (the refresher's
  -- upsert) overrides it, so the row is inserted only when missing.
  INSERT INTO partner_levels (partner_id, level, since)
    SELECT NEW.partner_id, NEW.level, NEW.as_of WHERE NOT EXISTS (SELECT 1 FROM partner_levels WHERE partner_id = NEW.partner_id);
END;
--> statement-breakpoint
-- Every enabled channel manager is told of a level change (idempotent per change).
CREATE TRIGGER `level_changes_notify_managers` AFTER INSERT ON `level_changes`
BEGIN
  INSERT OR IGNORE INTO notifications (user_id, partner_id, kind, key, data, link)
    SELECT u.id, NEW.partner_id, 'level-change', 'level-change:' || NEW.id,
           json_object('partner', (SELECT name FROM partners WHERE id = NEW.partner_id), 'from', NEW.from_level, 'to', NEW.to_level, 'date', NEW.as_of),
           '/partners/' || NEW.partner_id || '?from=queue#review-heading'
    FROM users u WHERE u.role = 'channel_manager' AND u.disabled = 0;
END;
