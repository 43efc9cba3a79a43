CREATE TABLE `userfield_categories` (
	`id` text PRIMARY KEY NOT NULL,
	`organization_id` text NOT NULL,
	`name` text NOT NULL,
	`type` text DEFAULT 'public' NOT NULL,
	`order_index` integer DEFAULT 0 NOT NULL,
	`created_at` integer NOT NULL,
	`deleted_at` integer,
	FOREIGN KEY (`organization_id`) REFERENCES `organizations`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "ck_userfield_categories_type" CHECK(type IN ('public', 'private'))
);
--> statement-breakpoint
CREATE INDEX `idx_userfield_categories_org_order` ON `userfield_categories` (`organization_id`,`order_index`,`created_at`,`id`);--> statement-breakpoint
CREATE TABLE `userfield_values` (
	`user_id` text NOT NULL,
	`userfield_id` text NOT NULL,
	`value` text NOT NULL,
	PRIMARY KEY(`user_id`, `userfield_id`),
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`userfield_id`) REFERENCES `userfields`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "ck_userfield_values_json" CHECK(json_valid(value))
);
--> statement-breakpoint
CREATE INDEX `idx_userfield_values_field` ON `userfield_values` (`userfield_id`,`user_id`);--> statement-breakpoint
CREATE TABLE `userfields` (
	`id` text PRIMARY KEY NOT NULL,
	`organization_id` text NOT NULL,
	`name` text NOT NULL,
	`name_key` text NOT NULL,
	`type` text NOT NULL,
	`category_id` text,
	`order_index` integer DEFAULT 0 NOT NULL,
	`required` integer DEFAULT false NOT NULL,
	`read_only` integer DEFAULT false NOT NULL,
	`message` text,
	`options` text,
	`constraints` text,
	`localized_names` text,
	`created_at` integer NOT NULL,
	`deleted_at` integer,
	FOREIGN KEY (`organization_id`) REFERENCES `organizations`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`category_id`) REFERENCES `userfield_categories`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "ck_userfields_type" CHECK(type IN ('text', 'email', 'date', 'integer', 'decimal', 'dropdown', 'radiobuttons', 'checkboxes', 'checkbox', 'truefalse', 'yesno'))
);
--> statement-breakpoint
CREATE UNIQUE INDEX `ux_userfields_org_name_live` ON `userfields` (`organization_id`,`name_key`) WHERE deleted_at IS NULL;--> statement-breakpoint
CREATE INDEX `idx_userfields_org_order` ON `userfields` (`organization_id`,`order_index`,`created_at`,`id`);--> statement-breakpoint
CREATE INDEX `idx_userfields_category` ON `userfields` (`category_id`);--> statement-breakpoint
-- Hand-written (data, which drizzle-kit does not generate): every organization that exists
-- already gets DigitalChalk's predefined contact fields (API.md §7a), as new ones do on creation
-- (src/db/predefined-userfields.ts keeps the same list).
INSERT INTO `userfields` (`id`, `organization_id`, `name`, `name_key`, `type`, `order_index`, `created_at`)
SELECT lower(hex(randomblob(16))), o.`id`, f.value, lower(f.value), 'text', f.key, o.`created_at`
FROM `organizations` o
CROSS JOIN json_each('["Phone Number","Street 1","Street 2","City","State/Province","Postal Code","Country"]') f
WHERE NOT EXISTS (
  SELECT 1 FROM `userfields` u
  WHERE u.`organization_id` = o.`id` AND u.`name_key` = lower(f.value) AND u.`deleted_at` IS NULL
);
