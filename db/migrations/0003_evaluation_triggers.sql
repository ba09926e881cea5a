-- A partner's stored evaluation is deleted in the same transaction as any change to its facts or
-- settings, so the portfolio never shows a result computed from older facts (lib/evaluation.ts
-- recomputes missing rows).
CREATE TRIGGER `customers_insert_stale_evaluation` AFTER INSERT ON `customers`
BEGIN
  DELETE FROM partner_evaluations WHERE partner_id = NEW.partner_id;
END;
--> statement-breakpoint
CREATE TRIGGER `customers_update_stale_evaluation` AFTER UPDATE ON `customers`
BEGIN
  DELETE FROM partner_evaluations WHERE partner_id IN (OLD.partner_id, NEW.partner_id);
END;
--> statement-breakpoint
CREATE TRIGGER `customers_delete_stale_evaluation` AFTER DELETE ON `customers`
BEGIN
  DELETE FROM partner_evaluations WHERE partner_id = OLD.partner_id;
END;
--> statement-breakpoint
CREATE TRIGGER `revenue_lines_insert_stale_evaluation` AFTER INSERT ON `revenue_lines`
BEGIN
  DELETE FROM partner_evaluations WHERE partner_id = NEW.partner_id;
END;
--> statement-breakpoint
CREATE TRIGGER `revenue_lines_update_stale_evaluation` AFTER UPDATE ON `revenue_lines`
BEGIN
  DELETE FROM partner_evaluations WHERE partner_id IN (OLD.partner_id, NEW.partner_id);
END;
--> statement-breakpoint
CREATE TRIGGER `revenue_lines_delete_stale_evaluation` AFTER DELETE ON `revenue_lines`
BEGIN
  DELETE FROM partner_evaluations WHERE partner_id = OLD.partner_id;
END;
--> statement-breakpoint
CREATE TRIGGER `individuals_insert_stale_evaluation` AFTER INSERT ON `individuals`
BEGIN
  DELETE FROM partner_evaluations WHERE partner_id = NEW.partner_id;
END;
--> statement-breakpoint
CREATE TRIGGER `individuals_update_stale_evaluation` AFTER UPDATE ON `individuals`
BEGIN
  DELETE FROM partner_evaluations WHERE partner_id IN (OLD.partner_id, NEW.partner_id);
END;
--> statement-breakpoint
CREATE TRIGGER `individuals_delete_stale_evaluation` AFTER DELETE ON `individuals`
BEGIN
  DELETE FROM partner_evaluations WHERE partner_id = OLD.partner_id;
END;
--> statement-breakpoint
CREATE TRIGGER `exam_passes_insert_stale_evaluation` AFTER INSERT ON `exam_passes`
BEGIN
  DELETE FROM partner_evaluations WHERE partner_id = NEW.partner_id;
END;
--> statement-breakpoint
CREATE TRIGGER `exam_passes_update_stale_evaluation` AFTER UPDATE ON `exam_passes`
BEGIN
  DELETE FROM partner_evaluations WHERE partner_id IN (OLD.partner_id, NEW.partner_id);
END;
--> statement-breakpoint
CREATE TRIGGER `exam_passes_delete_stale_evaluation` AFTER DELETE ON `exam_passes`
BEGIN
  DELETE FROM partner_evaluations WHERE partner_id = OLD.partner_id;
END;
--> statement-breakpoint
CREATE TRIGGER `partners_update_stale_evaluation` AFTER UPDATE OF `market`, `rule_set` ON `partners`
BEGIN
  DELETE FROM partner_evaluations WHERE partner_id = NEW.id;
END;
