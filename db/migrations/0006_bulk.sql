CREATE TABLE `imports` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`partner_id` integer NOT NULL,
	`actor_id` integer,
	`kind` text NOT NULL,
	`file_name` text NOT NULL,
	`rows` integer NOT NULL,
	`imported` integer NOT NULL,
	`refused` integer NOT NULL,
	`duplicates_skipped` integer NOT NULL,
	`customers_created` integer NOT NULL,
	`people_created` integer NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	FOREIGN KEY (`partner_id`) REFERENCES `partners`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`actor_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `imports_partner_idx` ON `imports` (`partner_id`,`created_at`);--> statement-breakpoint
CREATE TABLE `settings_changes` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`partner_id` integer NOT NULL,
	`actor_id` integer,
	`on` text NOT NULL,
	`from_market` text NOT NULL,
	`to_market` text NOT NULL,
	`from_rule_set` text NOT NULL,
	`to_rule_set` text NOT NULL,
	`level_before` text NOT NULL,
	`level_after` text NOT NULL,
	`passes_lost` integer NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	FOREIGN KEY (`partner_id`) REFERENCES `partners`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`actor_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `settings_changes_partner_idx` ON `settings_changes` (`partner_id`,`created_at`);