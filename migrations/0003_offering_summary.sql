ALTER TABLE `offerings` ADD `summary` text;--> statement-breakpoint
ALTER TABLE `offerings` ADD `thumbnail_id` text;