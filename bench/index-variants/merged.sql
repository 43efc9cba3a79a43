-- For bench/sql-cost.mjs --extra-migration only (never a real migration): idx_registrations_offering_status
-- and idx_registrations_org_offering_created become one index, idx_registrations_user_offering and
-- idx_registrations_org_user_created another. Use with --drop-index of those four (see bench/README.md).
-- Two indexes that lead with the foreign-key column (so SQLite's FK child-key lookups have them)
-- and then serve the filtered lists in creation order, in place of four.
CREATE INDEX `idx_registrations_offering_org_created` ON `registrations` (`offering_id`,`organization_id`,`created_at`,`id`);--> statement-breakpoint
CREATE INDEX `idx_registrations_user_org_created` ON `registrations` (`user_id`,`organization_id`,`created_at`,`id`);
