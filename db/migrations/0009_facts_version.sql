ALTER TABLE `partners` ADD `facts_version` integer DEFAULT 0 NOT NULL;
--> statement-breakpoint
-- Every write to a partner's facts moves its facts_version (the dashboard caches what it computed per version).
CREATE TRIGGER `customers_insert_facts_version` AFTER INSERT ON `customers`
BEGIN
  UPDATE partners SET facts_version = facts_version + 1 WHERE id = NEW.partner_id;
END;
--> statement-breakpoint
CREATE TRIGGER `customers_update_facts_version` AFTER UPDATE ON `customers`
BEGIN
  UPDATE partners SET facts_version = facts_version + 1 WHERE id = NEW.partner_id;
END;
--> statement-breakpoint
CREATE TRIGGER `customers_delete_facts_version` AFTER DELETE ON `customers`
BEGIN
  UPDATE partners SET facts_version = facts_version + 1 WHERE id = OLD.partner_id;
END;
--> statement-breakpoint
CREATE TRIGGER `revenue_lines_insert_facts_version` AFTER INSERT ON `revenue_lines`
BEGIN
  UPDATE partners SET facts_version = facts_version + 1 WHERE id = NEW.partner_id;
END;
--> statement-breakpoint
CREATE TRIGGER `revenue_lines_update_facts_version` AFTER UPDATE ON `revenue_lines`
BEGIN
  UPDATE partners SET facts_version = facts_version + 1 WHERE id = NEW.partner_id;
END;
--> statement-breakpoint
CREATE TRIGGER `revenue_lines_delete_facts_version` AFTER DELETE ON `revenue_lines`
BEGIN
  UPDATE partners SET facts_version = facts_version + 1 WHERE id = OLD.partner_id;
END;
--> statement-breakpoint
CREATE TRIGGER `individuals_insert_facts_version` AFTER INSERT ON `individuals`
BEGIN
  UPDATE partners SET facts_version = facts_version + 1 WHERE id = NEW.partner_id;
END;
--> statement-breakpoint
CREATE TRIGGER `individuals_update_facts_version` AFTER UPDATE ON `individuals`
BEGIN
  UPDATE partners SET facts_version = facts_version + 1 WHERE id = NEW.partner_id;
END;
--> statement-breakpoint
CREATE TRIGGER `individuals_delete_facts_version` AFTER DELETE ON `individuals`
BEGIN
  UPDATE partners SET facts_version = facts_version + 1 WHERE id = OLD.partner_id;
END;
--> statement-breakpoint
CREATE TRIGGER `exam_passes_insert_facts_version` AFTER INSERT ON `exam_passes`
BEGIN
  UPDATE partners SET facts_version = facts_version + 1 WHERE id = NEW.partner_id;
END;
--> statement-breakpoint
CREATE TRIGGER `exam_passes_update_facts_version` AFTER UPDATE ON `exam_passes`
BEGIN
  UPDATE partners SET facts_version = facts_version + 1 WHERE id = NEW.partner_id;
END;
--> statement-breakpoint
CREATE TRIGGER `exam_passes_delete_facts_version` AFTER DELETE ON `exam_passes`
BEGIN
  UPDATE partners SET facts_version = facts_version + 1 WHERE id = OLD.partner_id;
END;
