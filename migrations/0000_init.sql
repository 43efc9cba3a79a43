CREATE TABLE `agreements` (
	`organization_id` text NOT NULL,
	`type` text NOT NULL,
	`title` text NOT NULL,
	`text` text NOT NULL,
	`required` integer DEFAULT false NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	PRIMARY KEY(`organization_id`, `type`),
	FOREIGN KEY (`organization_id`) REFERENCES `organizations`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "ck_agreements_type" CHECK(type IN ('standard', 'custom'))
);
--> statement-breakpoint
CREATE TABLE `api_tokens` (
	`id` text PRIMARY KEY NOT NULL,
	`organization_id` text NOT NULL,
	`name` text,
	`token_hash` text NOT NULL,
	`created_at` integer NOT NULL,
	`revoked_at` integer,
	FOREIGN KEY (`organization_id`) REFERENCES `organizations`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `ux_api_tokens_hash` ON `api_tokens` (`token_hash`);--> statement-breakpoint
CREATE INDEX `idx_api_tokens_org` ON `api_tokens` (`organization_id`);--> statement-breakpoint
CREATE TABLE `idempotency_keys` (
	`organization_id` text NOT NULL,
	`key` text NOT NULL,
	`request_hash` text NOT NULL,
	`status` integer NOT NULL,
	`location` text,
	`created_at` integer NOT NULL,
	`expires_at` integer NOT NULL,
	PRIMARY KEY(`organization_id`, `key`),
	FOREIGN KEY (`organization_id`) REFERENCES `organizations`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `idx_idempotency_keys_expires` ON `idempotency_keys` (`expires_at`);--> statement-breakpoint
CREATE TABLE `offering_categories` (
	`id` text PRIMARY KEY NOT NULL,
	`organization_id` text NOT NULL,
	`name` text NOT NULL,
	`description` text,
	`color` text,
	`order_index` integer DEFAULT 0 NOT NULL,
	`created_at` integer NOT NULL,
	`deleted_at` integer,
	FOREIGN KEY (`organization_id`) REFERENCES `organizations`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `idx_offering_categories_org_order` ON `offering_categories` (`organization_id`,`order_index`,`created_at`,`id`);--> statement-breakpoint
CREATE INDEX `idx_offering_categories_org_created` ON `offering_categories` (`organization_id`,`created_at`);--> statement-breakpoint
CREATE TABLE `offering_category_links` (
	`offering_id` text NOT NULL,
	`category_id` text NOT NULL,
	`position` integer NOT NULL,
	PRIMARY KEY(`offering_id`, `category_id`),
	FOREIGN KEY (`offering_id`) REFERENCES `offerings`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`category_id`) REFERENCES `offering_categories`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `idx_offering_category_links_category` ON `offering_category_links` (`category_id`,`offering_id`);--> statement-breakpoint
CREATE TABLE `offerings` (
	`id` text PRIMARY KEY NOT NULL,
	`organization_id` text NOT NULL,
	`title` text NOT NULL,
	`catalog_description` text,
	`dashboard_description` text,
	`delivery_description` text,
	`price` real,
	`tags` text DEFAULT '[]' NOT NULL,
	`order_index` integer DEFAULT 0 NOT NULL,
	`begin_date` integer,
	`end_date` integer,
	`registration_begin_date` integer,
	`registration_end_date` integer,
	`allow_retake` integer DEFAULT false NOT NULL,
	`passing_grade` real DEFAULT 70 NOT NULL,
	`seat_limit` integer,
	`created_at` integer NOT NULL,
	`deleted_at` integer,
	FOREIGN KEY (`organization_id`) REFERENCES `organizations`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "ck_offerings_passing_grade" CHECK(passing_grade BETWEEN 0 AND 100),
	CONSTRAINT "ck_offerings_seat_limit" CHECK(seat_limit IS NULL OR seat_limit > 0)
);
--> statement-breakpoint
CREATE INDEX `idx_offerings_org_order` ON `offerings` (`organization_id`,`order_index`,`created_at`,`id`);--> statement-breakpoint
CREATE INDEX `idx_offerings_org_created` ON `offerings` (`organization_id`,`created_at`);--> statement-breakpoint
CREATE TABLE `organizations` (
	`id` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `registrations` (
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
);
--> statement-breakpoint
CREATE UNIQUE INDEX `ux_registrations_one_active` ON `registrations` (`organization_id`,`user_id`,`offering_id`) WHERE status = 'active';--> statement-breakpoint
CREATE INDEX `idx_registrations_org_created` ON `registrations` (`organization_id`,`created_at`,`id`);--> statement-breakpoint
CREATE INDEX `idx_registrations_user_offering` ON `registrations` (`user_id`,`offering_id`,`status`);--> statement-breakpoint
CREATE INDEX `idx_registrations_offering_status` ON `registrations` (`offering_id`,`status`);--> statement-breakpoint
CREATE TABLE `user_agreements` (
	`user_id` text NOT NULL,
	`type` text NOT NULL,
	`agreed` integer NOT NULL,
	`agreed_at` integer,
	PRIMARY KEY(`user_id`, `type`),
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `users` (
	`id` text PRIMARY KEY NOT NULL,
	`organization_id` text NOT NULL,
	`first_name` text NOT NULL,
	`last_name` text NOT NULL,
	`username` text NOT NULL,
	`email` text NOT NULL,
	`username_key` text NOT NULL,
	`email_key` text NOT NULL,
	`password_hash` text,
	`locale` text DEFAULT 'en' NOT NULL,
	`tags` text DEFAULT '[]' NOT NULL,
	`created_at` integer NOT NULL,
	`last_login_at` integer,
	`deleted_at` integer,
	FOREIGN KEY (`organization_id`) REFERENCES `organizations`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `idx_users_org_created` ON `users` (`organization_id`,`created_at`,`id`);--> statement-breakpoint
CREATE INDEX `idx_users_org_last_login` ON `users` (`organization_id`,`last_login_at`);--> statement-breakpoint
CREATE UNIQUE INDEX `ux_users_org_email_live` ON `users` (`organization_id`,`email_key`) WHERE deleted_at IS NULL;--> statement-breakpoint
CREATE UNIQUE INDEX `ux_users_org_username_live` ON `users` (`organization_id`,`username_key`) WHERE deleted_at IS NULL;