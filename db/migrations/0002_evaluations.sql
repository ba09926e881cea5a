CREATE TABLE `partner_evaluations` (
	`partner_id` integer PRIMARY KEY NOT NULL,
	`as_of` text NOT NULL,
	`valid_until` text,
	`rule_set` text NOT NULL,
	`level` text NOT NULL,
	`level_rank` integer NOT NULL,
	`qualifying_revenue_cents` integer NOT NULL,
	`next_level` text,
	`next_threshold_cents` integer NOT NULL,
	`next_shortfall_cents` integer NOT NULL,
	`next_shortfall_bp` integer NOT NULL,
	`next_exams_needed` integer NOT NULL,
	`silver_slots_filled` integer NOT NULL,
	`silver_slots` integer NOT NULL,
	`gold_slots_filled` integer NOT NULL,
	`gold_slots` integer NOT NULL,
	`at_risk_on` text,
	`level_at_risk` text,
	`computed_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	FOREIGN KEY (`partner_id`) REFERENCES `partners`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `partner_evaluations_level_idx` ON `partner_evaluations` (`level_rank`);--> statement-breakpoint
CREATE INDEX `partner_evaluations_risk_idx` ON `partner_evaluations` (`at_risk_on`);--> statement-breakpoint
CREATE INDEX `partner_evaluations_valid_idx` ON `partner_evaluations` (`valid_until`);