-- For bench/sql-cost.mjs --extra-migration only (never a real migration): the merged indexes of
-- merged.sql on a WITHOUT ROWID registrations table (its primary key is then the table's own b-tree).
CREATE TABLE `registrations_new` (
	`id` text PRIMARY KEY NOT NULL,
	`organization_id` text NOT NULL,
	`user_id` text NOT NULL,
	`offering_id` text NOT NULL,
	`status` text NOT NULL,
	`grade` real,
	`grader_id` text,
	`grader_comment` text,
	`created_at` integer NOT NULL,
	`begin_at` integer,
	`last_active_at` integer,
	`end_at` integer,
	FOREIGN KEY (`organization_id`) REFERENCES `organizations`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`offering_id`) REFERENCES `offerings`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "ck_registrations_status" CHECK(status IN ('active', 'passed', 'failed', 'ejected')),
	CONSTRAINT "ck_registrations_grade" CHECK(grade IS NULL OR grade BETWEEN 0 AND 100)
) WITHOUT ROWID;--> statement-breakpoint
INSERT INTO `registrations_new` SELECT * FROM `registrations`;--> statement-breakpoint
DROP TABLE `registrations`;--> statement-breakpoint
ALTER TABLE `registrations_new` RENAME TO `registrations`;--> statement-breakpoint
CREATE UNIQUE INDEX `ux_registrations_one_active` ON `registrations` (`organization_id`,`user_id`,`offering_id`) WHERE status = 'active';--> statement-breakpoint
CREATE INDEX `idx_registrations_org_created` ON `registrations` (`organization_id`,`created_at`,`id`);--> statement-breakpoint
CREATE INDEX `idx_registrations_offering_org_created` ON `registrations` (`offering_id`,`organization_id`,`created_at`,`id`);--> statement-breakpoint
CREATE INDEX `idx_registrations_user_org_created` ON `registrations` (`user_id`,`organization_id`,`created_at`,`id`);--> statement-breakpoint
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
