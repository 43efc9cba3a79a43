DROP INDEX `idx_registrations_org_user_created`;--> statement-breakpoint
DROP INDEX `idx_registrations_org_offering_created`;--> statement-breakpoint
DROP INDEX `idx_registrations_user_offering`;--> statement-breakpoint
DROP INDEX `idx_registrations_offering_status`;--> statement-breakpoint
CREATE INDEX `idx_registrations_user_org_created` ON `registrations` (`user_id`,`organization_id`,`created_at`,`id`);--> statement-breakpoint
CREATE INDEX `idx_registrations_offering_org_created` ON `registrations` (`offering_id`,`organization_id`,`created_at`,`id`);