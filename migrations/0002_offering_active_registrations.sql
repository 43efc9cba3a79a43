ALTER TABLE `offerings` ADD `active_registrations` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
-- Written by hand from here on (drizzle-kit does not model triggers): the column counts each
-- offering's active registrations, filled once here and then kept by every write to
-- registrations, in the writing statement's own transaction, whoever makes it. The seat limit is
-- then one comparison instead of a count over the offering's registrations on every POST.
UPDATE `offerings` SET `active_registrations` = (
  SELECT count(*) FROM `registrations` r WHERE r.`offering_id` = `offerings`.`id` AND r.`status` = 'active'
);--> statement-breakpoint
CREATE TRIGGER `tr_registrations_active_insert` AFTER INSERT ON `registrations`
WHEN NEW.`status` = 'active'
BEGIN
  UPDATE `offerings` SET `active_registrations` = `active_registrations` + 1 WHERE `id` = NEW.`offering_id`;
END;--> statement-breakpoint
CREATE TRIGGER `tr_registrations_active_update` AFTER UPDATE OF `status`, `offering_id` ON `registrations`
WHEN OLD.`status` = 'active' OR NEW.`status` = 'active'
BEGIN
  UPDATE `offerings` SET `active_registrations` = `active_registrations` - 1 WHERE OLD.`status` = 'active' AND `id` = OLD.`offering_id`;
  UPDATE `offerings` SET `active_registrations` = `active_registrations` + 1 WHERE NEW.`status` = 'active' AND `id` = NEW.`offering_id`;
END;--> statement-breakpoint
CREATE TRIGGER `tr_registrations_active_delete` AFTER DELETE ON `registrations`
WHEN OLD.`status` = 'active'
BEGIN
  UPDATE `offerings` SET `active_registrations` = `active_registrations` - 1 WHERE `id` = OLD.`offering_id`;
END;
