CREATE TABLE `events` (
	`id` text PRIMARY KEY NOT NULL,
	`organization_id` text NOT NULL,
	`type` text NOT NULL,
	`data` text NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`organization_id`) REFERENCES `organizations`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `idx_events_org_type` ON `events` (`organization_id`,`type`,`created_at`);--> statement-breakpoint
CREATE TABLE `webhook_deliveries` (
	`id` text PRIMARY KEY NOT NULL,
	`organization_id` text NOT NULL,
	`webhook_id` text NOT NULL,
	`event_id` text NOT NULL,
	`status` text DEFAULT 'pending' NOT NULL,
	`attempts` integer DEFAULT 0 NOT NULL,
	`last_status_code` integer,
	`last_attempt_at` integer,
	`next_attempt_at` integer,
	`give_up_at` integer NOT NULL,
	`enqueued_at` integer,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`organization_id`) REFERENCES `organizations`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`webhook_id`) REFERENCES `webhooks`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`event_id`) REFERENCES `events`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "ck_webhook_deliveries_status" CHECK(status IN ('pending', 'delivered', 'failed'))
);
--> statement-breakpoint
CREATE INDEX `idx_webhook_deliveries_webhook_created` ON `webhook_deliveries` (`webhook_id`,`created_at`,`id`);--> statement-breakpoint
CREATE INDEX `idx_webhook_deliveries_pending` ON `webhook_deliveries` (`status`,`enqueued_at`,`next_attempt_at`);--> statement-breakpoint
CREATE INDEX `idx_webhook_deliveries_event` ON `webhook_deliveries` (`event_id`);--> statement-breakpoint
CREATE TABLE `webhooks` (
	`id` text PRIMARY KEY NOT NULL,
	`organization_id` text NOT NULL,
	`url` text NOT NULL,
	`events` text NOT NULL,
	`description` text,
	`enabled` integer DEFAULT true NOT NULL,
	`secret` text NOT NULL,
	`created_at` integer NOT NULL,
	`deleted_at` integer,
	FOREIGN KEY (`organization_id`) REFERENCES `organizations`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `idx_webhooks_org_created` ON `webhooks` (`organization_id`,`created_at`,`id`);--> statement-breakpoint
-- Written by hand (drizzle-kit does not model triggers): the fan-out of the outbox. Every event
-- gets one pending delivery per live, enabled webhook of its organization that subscribes to its
-- type, in the inserting statement's own transaction: an event without its deliveries cannot
-- exist, and the write that appends the event stays one statement.
CREATE TRIGGER `tr_events_fan_out` AFTER INSERT ON `events`
BEGIN
  INSERT INTO `webhook_deliveries` (`id`, `organization_id`, `webhook_id`, `event_id`, `status`, `attempts`, `next_attempt_at`, `give_up_at`, `created_at`)
  SELECT lower(hex(randomblob(16))), NEW.`organization_id`, w.`id`, NEW.`id`, 'pending', 0, NEW.`created_at`, NEW.`created_at` + 86400000, NEW.`created_at`
  FROM `webhooks` w
  WHERE w.`organization_id` = NEW.`organization_id` AND w.`deleted_at` IS NULL AND w.`enabled` = 1
    AND EXISTS (SELECT 1 FROM json_each(w.`events`) e WHERE e.`value` = NEW.`type`);
END;
