CREATE TABLE "audit_log" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"actor_kind" text NOT NULL,
	"actor_id" uuid,
	"action" text NOT NULL,
	"entity" text NOT NULL,
	"entity_id" uuid,
	"before" jsonb,
	"after" jsonb,
	"request_id" text
);
--> statement-breakpoint
CREATE TABLE "auth_attempts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"key" text NOT NULL,
	"success" boolean NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "otp_codes" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"phone" text NOT NULL,
	"code_hash" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"used_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "sessions" (
	"id" text PRIMARY KEY NOT NULL,
	"kind" text NOT NULL,
	"subject_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "buildings" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"estate_id" uuid NOT NULL,
	"name" text NOT NULL,
	"floors" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "buildings_estate_name_uq" UNIQUE("estate_id","name"),
	CONSTRAINT "buildings_floors_ck" CHECK ("buildings"."floors" between 1 and 300)
);
--> statement-breakpoint
CREATE TABLE "estates" (
	"id" uuid PRIMARY KEY NOT NULL,
	"office_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"address" text DEFAULT '' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "estates_kind_ck" CHECK ("estates"."kind" in ('residential','commercial','mixed'))
);
--> statement-breakpoint
CREATE TABLE "org_nodes" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"parent_id" uuid,
	"kind" text NOT NULL,
	"name" text NOT NULL,
	"path" uuid[] NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "org_nodes_parent_name_uq" UNIQUE("parent_id","name"),
	CONSTRAINT "org_nodes_kind_ck" CHECK ("org_nodes"."kind" in ('group','company','office','estate'))
);
--> statement-breakpoint
CREATE TABLE "units" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"estate_id" uuid NOT NULL,
	"building_id" uuid NOT NULL,
	"number" text NOT NULL,
	"floor" integer NOT NULL,
	"building_area" numeric(12, 2) NOT NULL,
	"inside_area" numeric(12, 2),
	"type" text NOT NULL,
	"state" text DEFAULT 'vacant' NOT NULL,
	"sort_key" text collate "C" NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "units_building_number_uq" UNIQUE("building_id","number"),
	CONSTRAINT "units_area_ck" CHECK ("units"."building_area" > 0 and ("units"."inside_area" is null or "units"."inside_area" > 0)),
	CONSTRAINT "units_type_ck" CHECK ("units"."type" in ('residential','shop','office','parking','storage')),
	CONSTRAINT "units_state_ck" CHECK ("units"."state" in ('vacant','occupied','renovating'))
);
--> statement-breakpoint
CREATE TABLE "occupancies" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"unit_id" uuid NOT NULL,
	"party_id" uuid NOT NULL,
	"relation" text NOT NULL,
	"start_date" date NOT NULL,
	"end_date" date,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "occupancies_relation_ck" CHECK ("occupancies"."relation" in ('owner','tenant','family')),
	CONSTRAINT "occupancies_dates_ck" CHECK ("occupancies"."end_date" is null or "occupancies"."end_date" >= "occupancies"."start_date")
);
--> statement-breakpoint
CREATE TABLE "parties" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"kind" text NOT NULL,
	"name" text NOT NULL,
	"phone" text,
	"id_number" text,
	"org_node_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "parties_kind_ck" CHECK ("parties"."kind" in ('person','company'))
);
--> statement-breakpoint
CREATE TABLE "resident_accounts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"phone" text NOT NULL,
	"name" text DEFAULT '' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "resident_phone_uq" UNIQUE("phone")
);
--> statement-breakpoint
CREATE TABLE "resident_bindings" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"resident_id" uuid NOT NULL,
	"unit_id" uuid NOT NULL,
	"relation" text NOT NULL,
	"via" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"revoked_at" timestamp with time zone,
	"revoked_by" uuid,
	CONSTRAINT "resident_bindings_relation_ck" CHECK ("resident_bindings"."relation" in ('owner','tenant','family'))
);
--> statement-breakpoint
CREATE TABLE "unit_invites" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"code" text NOT NULL,
	"unit_id" uuid NOT NULL,
	"relation" text NOT NULL,
	"created_by" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"used_at" timestamp with time zone,
	"used_by" uuid,
	CONSTRAINT "unit_invites_code_uq" UNIQUE("code")
);
--> statement-breakpoint
CREATE TABLE "grants" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"staff_id" uuid NOT NULL,
	"role" text NOT NULL,
	"node_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "grants_staff_role_node_uq" UNIQUE("staff_id","role","node_id"),
	CONSTRAINT "grants_role_ck" CHECK ("grants"."role" in ('group_admin','company_manager','office_manager','customer_service','cashier','technician','meter_reader'))
);
--> statement-breakpoint
CREATE TABLE "staff_accounts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"username" text NOT NULL,
	"name" text NOT NULL,
	"phone" text,
	"password_hash" text NOT NULL,
	"home_node_id" uuid NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "staff_username_uq" UNIQUE("username")
);
--> statement-breakpoint
CREATE TABLE "meter_replacements" (
	"id" uuid PRIMARY KEY NOT NULL,
	"meter_id" uuid NOT NULL,
	"replaced_on" date NOT NULL,
	"old_serial" text NOT NULL,
	"old_code" text,
	"old_final" numeric(14, 3) NOT NULL,
	"old_multiplier" numeric(12, 4) NOT NULL,
	"old_digits" integer NOT NULL,
	"new_serial" text NOT NULL,
	"new_code" text,
	"new_initial" numeric(14, 3) NOT NULL,
	"new_multiplier" numeric(12, 4) NOT NULL,
	"new_digits" integer NOT NULL,
	"note" text,
	"created_by" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "meter_replacements_digits_ck" CHECK ("meter_replacements"."old_digits" between 4 and 10 and "meter_replacements"."new_digits" between 4 and 10),
	CONSTRAINT "meter_replacements_multiplier_ck" CHECK ("meter_replacements"."old_multiplier" > 0 and "meter_replacements"."new_multiplier" > 0),
	CONSTRAINT "meter_replacements_values_ck" CHECK ("meter_replacements"."old_final" >= 0 and "meter_replacements"."new_initial" >= 0)
);
--> statement-breakpoint
CREATE TABLE "meter_shares" (
	"meter_id" uuid NOT NULL,
	"unit_id" uuid NOT NULL,
	CONSTRAINT "meter_shares_meter_id_unit_id_pk" PRIMARY KEY("meter_id","unit_id")
);
--> statement-breakpoint
CREATE TABLE "meters" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"estate_id" uuid NOT NULL,
	"unit_id" uuid,
	"scope" text NOT NULL,
	"type" text NOT NULL,
	"serial" text NOT NULL,
	"code" text,
	"multiplier" numeric(12, 4) DEFAULT '1' NOT NULL,
	"digits" integer NOT NULL,
	"install_date" date,
	"initial_reading" numeric(14, 3) DEFAULT '0' NOT NULL,
	"state" text DEFAULT 'active' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "meters_code_uq" UNIQUE("code"),
	CONSTRAINT "meters_estate_serial_uq" UNIQUE("estate_id","type","serial"),
	CONSTRAINT "meters_digits_ck" CHECK ("meters"."digits" between 4 and 10),
	CONSTRAINT "meters_multiplier_ck" CHECK ("meters"."multiplier" > 0),
	CONSTRAINT "meters_scope_unit_ck" CHECK (("meters"."scope" = 'unit') = ("meters"."unit_id" is not null))
);
--> statement-breakpoint
CREATE TABLE "photos" (
	"id" uuid PRIMARY KEY NOT NULL,
	"command_id" uuid NOT NULL,
	"staff_id" uuid NOT NULL,
	"content_type" text NOT NULL,
	"size" integer NOT NULL,
	"bytes" "bytea" NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "photos_size_ck" CHECK ("photos"."size" between 1 and 5242880)
);
--> statement-breakpoint
CREATE TABLE "reading_routes" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"estate_id" uuid NOT NULL,
	"period" text NOT NULL,
	"name" text NOT NULL,
	"reader_id" uuid NOT NULL,
	"created_by" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "reading_routes_period_ck" CHECK ("reading_routes"."period" ~ '^[0-9]{4}-(0[1-9]|1[0-2])$')
);
--> statement-breakpoint
CREATE TABLE "readings" (
	"id" uuid PRIMARY KEY NOT NULL,
	"meter_id" uuid NOT NULL,
	"route_id" uuid,
	"period" text NOT NULL,
	"value" numeric(14, 3) NOT NULL,
	"previous" numeric(14, 3) NOT NULL,
	"usage" numeric(18, 4),
	"kind" text,
	"flags" text[] DEFAULT '{}'::text[] NOT NULL,
	"explanation" text,
	"status" text NOT NULL,
	"note" text,
	"reader_id" uuid NOT NULL,
	"taken_at" timestamp with time zone NOT NULL,
	"received_at" timestamp with time zone DEFAULT now() NOT NULL,
	"supersedes_id" uuid,
	"review_note" text,
	"reviewed_by" uuid,
	"reviewed_at" timestamp with time zone,
	"sent_back_reason" text,
	CONSTRAINT "readings_period_ck" CHECK ("readings"."period" ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'),
	CONSTRAINT "readings_value_ck" CHECK ("readings"."value" >= 0),
	CONSTRAINT "readings_sent_back_ck" CHECK ("readings"."status" <> 'sent_back' or "readings"."sent_back_reason" is not null)
);
--> statement-breakpoint
CREATE TABLE "route_meters" (
	"route_id" uuid NOT NULL,
	"meter_id" uuid NOT NULL,
	"position" integer NOT NULL,
	CONSTRAINT "route_meters_route_id_meter_id_pk" PRIMARY KEY("route_id","meter_id")
);
--> statement-breakpoint
CREATE TABLE "sync_commands" (
	"id" uuid PRIMARY KEY NOT NULL,
	"type" text NOT NULL,
	"device_id" text NOT NULL,
	"staff_id" uuid NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"received_at" timestamp with time zone DEFAULT now() NOT NULL,
	"status" text NOT NULL,
	"result" jsonb
);
--> statement-breakpoint
CREATE TABLE "billing_runs" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"estate_id" uuid NOT NULL,
	"period" text NOT NULL,
	"inserted" integer NOT NULL,
	"existing" integer NOT NULL,
	"total" numeric(14, 2) NOT NULL,
	"created_by" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "billing_settings" (
	"estate_id" uuid PRIMARY KEY NOT NULL,
	"vacancy_discount_pct" numeric(5, 2) DEFAULT '0' NOT NULL,
	"penalty" jsonb,
	"prepay_discount" jsonb,
	"approval_threshold" numeric(14, 2) DEFAULT '500.00' NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "billing_settings_vacancy_ck" CHECK ("billing_settings"."vacancy_discount_pct" between 0 and 100)
);
--> statement-breakpoint
CREATE TABLE "charges" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"estate_id" uuid NOT NULL,
	"unit_id" uuid NOT NULL,
	"fee_item_id" uuid NOT NULL,
	"standard_id" uuid,
	"period" text NOT NULL,
	"meter_id" uuid,
	"line_key" text DEFAULT '' NOT NULL,
	"amount" numeric(14, 2) NOT NULL,
	"explanation" text NOT NULL,
	"detail" jsonb,
	"due_date" date NOT NULL,
	"source" text NOT NULL,
	"run_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "charges_line_uq" UNIQUE("unit_id","standard_id","period","line_key"),
	CONSTRAINT "charges_amount_ck" CHECK ("charges"."amount" >= 0),
	CONSTRAINT "charges_period_ck" CHECK ("charges"."period" ~ '^[0-9]{4}-(0[1-9]|1[0-2])$')
);
--> statement-breakpoint
CREATE TABLE "day_closes" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"estate_id" uuid NOT NULL,
	"cashier_id" uuid NOT NULL,
	"business_date" date NOT NULL,
	"totals" jsonb NOT NULL,
	"closed_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "day_closes_uq" UNIQUE("estate_id","cashier_id","business_date")
);
--> statement-breakpoint
CREATE TABLE "fee_assignments" (
	"standard_id" uuid NOT NULL,
	"target_kind" text NOT NULL,
	"target_id" uuid NOT NULL,
	CONSTRAINT "fee_assignments_standard_id_target_kind_target_id_pk" PRIMARY KEY("standard_id","target_kind","target_id")
);
--> statement-breakpoint
CREATE TABLE "fee_items" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"node_id" uuid NOT NULL,
	"name" text NOT NULL,
	"category" text NOT NULL,
	"active" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "fee_items_node_name_uq" UNIQUE("node_id","name")
);
--> statement-breakpoint
CREATE TABLE "fee_standards" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"estate_id" uuid NOT NULL,
	"fee_item_id" uuid NOT NULL,
	"name" text NOT NULL,
	"kind" text NOT NULL,
	"params" jsonb NOT NULL,
	"cycle" text DEFAULT 'monthly' NOT NULL,
	"charge_start" date,
	"effective_from" date NOT NULL,
	"effective_to" date,
	"due_days" integer DEFAULT 30 NOT NULL,
	"previous_id" uuid,
	"created_by" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "fee_standards_cycle_ck" CHECK ("fee_standards"."cycle" in ('monthly', 'quarterly', 'yearly')),
	CONSTRAINT "fee_standards_dates_ck" CHECK ("fee_standards"."effective_to" is null or "fee_standards"."effective_to" >= "fee_standards"."effective_from"),
	CONSTRAINT "fee_standards_due_ck" CHECK ("fee_standards"."due_days" between 0 and 366)
);
--> statement-breakpoint
CREATE TABLE "ledger_approvals" (
	"id" uuid PRIMARY KEY NOT NULL,
	"estate_id" uuid NOT NULL,
	"unit_id" uuid NOT NULL,
	"charge_id" uuid,
	"kind" text NOT NULL,
	"amount" numeric(14, 2) NOT NULL,
	"method" text,
	"reason" text NOT NULL,
	"threshold" numeric(14, 2) NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"requested_by" uuid NOT NULL,
	"requested_at" timestamp with time zone DEFAULT now() NOT NULL,
	"decided_by" uuid,
	"decided_at" timestamp with time zone,
	"decision_reason" text,
	"entry_id" uuid,
	CONSTRAINT "ledger_approvals_entry_uq" UNIQUE("entry_id"),
	CONSTRAINT "ledger_approvals_amount_ck" CHECK ("ledger_approvals"."amount" <> 0),
	CONSTRAINT "ledger_approvals_status_ck" CHECK ("ledger_approvals"."status" in ('pending', 'approved', 'rejected')),
	CONSTRAINT "ledger_approvals_decided_ck" CHECK (("ledger_approvals"."status" = 'pending') = ("ledger_approvals"."decided_by" is null)),
	CONSTRAINT "ledger_approvals_target_ck" CHECK (("ledger_approvals"."kind" = 'refund') = ("ledger_approvals"."charge_id" is null))
);
--> statement-breakpoint
CREATE TABLE "ledger_entries" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"estate_id" uuid NOT NULL,
	"unit_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"amount" numeric(14, 2) NOT NULL,
	"owed_delta" numeric(14, 2) DEFAULT '0' NOT NULL,
	"prepaid_delta" numeric(14, 2) DEFAULT '0' NOT NULL,
	"charge_id" uuid,
	"receipt_id" uuid,
	"reversal_of" uuid,
	"method" text,
	"reason" text,
	"created_by" uuid,
	"approved_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "ledger_reversal_uq" UNIQUE("reversal_of"),
	CONSTRAINT "ledger_amount_ck" CHECK ("ledger_entries"."amount" <> 0)
);
--> statement-breakpoint
CREATE TABLE "opening_balance_imports" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"estate_id" uuid NOT NULL,
	"content_hash" text NOT NULL,
	"rows" integer NOT NULL,
	"units" integer NOT NULL,
	"total" numeric(14, 2) NOT NULL,
	"created_by" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "opening_balance_imports_hash_uq" UNIQUE("estate_id","content_hash")
);
--> statement-breakpoint
CREATE TABLE "penalty_postings" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"estate_id" uuid NOT NULL,
	"base_charge_id" uuid NOT NULL,
	"period" text NOT NULL,
	"as_of" date NOT NULL,
	"penalty_charge_id" uuid NOT NULL,
	"principal" numeric(14, 2) NOT NULL,
	"amount" numeric(14, 2) NOT NULL,
	"created_by" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "penalty_postings_uq" UNIQUE("base_charge_id","period"),
	CONSTRAINT "penalty_postings_charge_uq" UNIQUE("penalty_charge_id"),
	CONSTRAINT "penalty_postings_amount_ck" CHECK ("penalty_postings"."amount" > 0),
	CONSTRAINT "penalty_postings_period_ck" CHECK ("penalty_postings"."period" ~ '^[0-9]{4}-(0[1-9]|1[0-2])$')
);
--> statement-breakpoint
CREATE TABLE "receipt_sequences" (
	"estate_id" uuid PRIMARY KEY NOT NULL,
	"next" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "receipts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"estate_id" uuid NOT NULL,
	"unit_id" uuid NOT NULL,
	"number" text NOT NULL,
	"method" text NOT NULL,
	"total" numeric(14, 2) NOT NULL,
	"payer" text,
	"status" text DEFAULT 'posted' NOT NULL,
	"idempotency_key" text NOT NULL,
	"cashier_id" uuid NOT NULL,
	"business_date" date NOT NULL,
	"void_reason" text,
	"voided_by" uuid,
	"voided_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "receipts_number_uq" UNIQUE("estate_id","number"),
	CONSTRAINT "receipts_idem_uq" UNIQUE("idempotency_key"),
	CONSTRAINT "receipts_total_ck" CHECK ("receipts"."total" > 0)
);
--> statement-breakpoint
CREATE TABLE "payment_reminders" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"estate_id" uuid NOT NULL,
	"unit_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"note" text DEFAULT '' NOT NULL,
	"owed_at_time" numeric(14, 2) NOT NULL,
	"contacted_at" timestamp with time zone NOT NULL,
	"created_by" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "payment_reminders_kind_ck" CHECK ("payment_reminders"."kind" in ('phone', 'notice', 'visit', 'sms'))
);
--> statement-breakpoint
CREATE TABLE "payment_notifications" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"received_at" timestamp with time zone DEFAULT now() NOT NULL,
	"endpoint" text NOT NULL,
	"provider" text,
	"headers" jsonb NOT NULL,
	"raw_body" text NOT NULL,
	"verified" boolean NOT NULL,
	"reason" text,
	"message" text,
	"outcome" text NOT NULL,
	"notification_id" text,
	"event_type" text,
	"out_trade_no" text,
	"out_refund_no" text,
	"transaction_id" text,
	"order_id" uuid
);
--> statement-breakpoint
CREATE TABLE "payment_order_charges" (
	"order_id" uuid NOT NULL,
	"charge_id" uuid NOT NULL,
	"amount" numeric(14, 2) NOT NULL,
	"released_at" timestamp with time zone,
	CONSTRAINT "payment_order_charges_order_id_charge_id_pk" PRIMARY KEY("order_id","charge_id"),
	CONSTRAINT "payment_order_charges_amount_ck" CHECK ("payment_order_charges"."amount" > 0)
);
--> statement-breakpoint
CREATE TABLE "payment_orders" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"out_trade_no" text NOT NULL,
	"idempotency_key" text NOT NULL,
	"estate_id" uuid NOT NULL,
	"unit_id" uuid NOT NULL,
	"resident_id" uuid NOT NULL,
	"provider" text NOT NULL,
	"channel" text NOT NULL,
	"charges_total" numeric(14, 2) NOT NULL,
	"prepayment" numeric(14, 2) DEFAULT '0' NOT NULL,
	"amount" numeric(14, 2) NOT NULL,
	"description" text NOT NULL,
	"payer_name" text,
	"state" text DEFAULT 'created' NOT NULL,
	"return_url" text NOT NULL,
	"pay" jsonb,
	"expires_at" timestamp with time zone NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_queried_at" timestamp with time zone,
	"paid_at" timestamp with time zone,
	"ended_at" timestamp with time zone,
	"provider_transaction_id" text,
	"provider_state" text,
	"payer_id" text,
	"receipt_id" uuid,
	"note" text,
	CONSTRAINT "payment_orders_out_trade_no_uq" UNIQUE("out_trade_no"),
	CONSTRAINT "payment_orders_idem_uq" UNIQUE("idempotency_key"),
	CONSTRAINT "payment_orders_transaction_uq" UNIQUE("provider","provider_transaction_id"),
	CONSTRAINT "payment_orders_receipt_uq" UNIQUE("receipt_id"),
	CONSTRAINT "payment_orders_amount_ck" CHECK ("payment_orders"."amount" > 0 and "payment_orders"."prepayment" >= 0 and "payment_orders"."charges_total" >= 0 and "payment_orders"."amount" = "payment_orders"."charges_total" + "payment_orders"."prepayment"),
	CONSTRAINT "payment_orders_state_ck" CHECK ("payment_orders"."state" in ('created', 'pending', 'paid', 'failed', 'closed', 'expired')),
	CONSTRAINT "payment_orders_paid_ck" CHECK (("payment_orders"."state" = 'paid') = ("payment_orders"."receipt_id" is not null and "payment_orders"."provider_transaction_id" is not null and "payment_orders"."paid_at" is not null))
);
--> statement-breakpoint
CREATE TABLE "payment_refunds" (
	"id" uuid PRIMARY KEY NOT NULL,
	"order_id" uuid NOT NULL,
	"out_refund_no" text NOT NULL,
	"amount" numeric(14, 2) NOT NULL,
	"reason" text NOT NULL,
	"state" text DEFAULT 'processing' NOT NULL,
	"provider_state" text,
	"provider_refund_id" text,
	"entry_ids" uuid[] DEFAULT '{}'::uuid[] NOT NULL,
	"reversal_ids" uuid[] DEFAULT '{}'::uuid[] NOT NULL,
	"requested_by" uuid NOT NULL,
	"requested_at" timestamp with time zone DEFAULT now() NOT NULL,
	"completed_at" timestamp with time zone,
	"last_queried_at" timestamp with time zone,
	"failure_reason" text,
	CONSTRAINT "payment_refunds_out_refund_no_uq" UNIQUE("out_refund_no"),
	CONSTRAINT "payment_refunds_provider_id_uq" UNIQUE("provider_refund_id"),
	CONSTRAINT "payment_refunds_amount_ck" CHECK ("payment_refunds"."amount" > 0),
	CONSTRAINT "payment_refunds_state_ck" CHECK ("payment_refunds"."state" in ('processing', 'succeeded', 'failed'))
);
--> statement-breakpoint
CREATE TABLE "reconciliation_mismatches" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"run_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"estate_id" uuid,
	"order_id" uuid,
	"refund_id" uuid,
	"out_trade_no" text,
	"transaction_id" text,
	"provider_amount" numeric(14, 2),
	"ledger_amount" numeric(14, 2),
	"details" jsonb
);
--> statement-breakpoint
CREATE TABLE "reconciliation_runs" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"provider" text NOT NULL,
	"day" date NOT NULL,
	"source" text NOT NULL,
	"status" text DEFAULT 'running' NOT NULL,
	"summary" jsonb,
	"error" text,
	"created_by" uuid,
	"started_at" timestamp with time zone DEFAULT now() NOT NULL,
	"finished_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "resident_wechat_ids" (
	"resident_id" uuid NOT NULL,
	"appid" text NOT NULL,
	"openid" text NOT NULL,
	"bound_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "resident_wechat_ids_resident_id_appid_pk" PRIMARY KEY("resident_id","appid")
);
--> statement-breakpoint
CREATE TABLE "notice_attachments" (
	"id" uuid PRIMARY KEY NOT NULL,
	"notice_id" uuid NOT NULL,
	"name" text NOT NULL,
	"content_type" text NOT NULL,
	"size" integer NOT NULL,
	"bytes" "bytea" NOT NULL,
	"created_by" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "notice_attachments_size_ck" CHECK ("notice_attachments"."size" between 1 and 5242880),
	CONSTRAINT "notice_attachments_type_ck" CHECK ("notice_attachments"."content_type" in ('application/pdf', 'image/jpeg', 'image/png', 'image/webp'))
);
--> statement-breakpoint
CREATE TABLE "notice_reads" (
	"notice_id" uuid NOT NULL,
	"resident_id" uuid NOT NULL,
	"read_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "notice_reads_pk" PRIMARY KEY("notice_id","resident_id")
);
--> statement-breakpoint
CREATE TABLE "notice_targets" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"notice_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"building_id" uuid,
	"unit_id" uuid,
	CONSTRAINT "notice_targets_kind_ck" CHECK (("notice_targets"."kind" = 'estate' and "notice_targets"."building_id" is null and "notice_targets"."unit_id" is null)
       or ("notice_targets"."kind" = 'building' and "notice_targets"."building_id" is not null and "notice_targets"."unit_id" is null)
       or ("notice_targets"."kind" = 'unit' and "notice_targets"."unit_id" is not null and "notice_targets"."building_id" is null))
);
--> statement-breakpoint
CREATE TABLE "notices" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"estate_id" uuid NOT NULL,
	"title" text NOT NULL,
	"body" text NOT NULL,
	"pinned" boolean DEFAULT false NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"publish_at" timestamp with time zone,
	"expires_at" timestamp with time zone,
	"created_by" uuid NOT NULL,
	"published_by" uuid,
	"withdrawn_at" timestamp with time zone,
	"withdrawn_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "notices_status_ck" CHECK ("notices"."status" in ('draft', 'published', 'withdrawn')),
	CONSTRAINT "notices_publish_at_ck" CHECK (("notices"."status" = 'draft') = ("notices"."publish_at" is null)),
	CONSTRAINT "notices_expiry_ck" CHECK ("notices"."expires_at" is null or "notices"."publish_at" is null or "notices"."expires_at" > "notices"."publish_at")
);
--> statement-breakpoint
CREATE TABLE "notifications" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"staff_id" uuid,
	"resident_id" uuid,
	"kind" text NOT NULL,
	"work_order_id" uuid,
	"source_key" text NOT NULL,
	"title" text NOT NULL,
	"body" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"read_at" timestamp with time zone,
	CONSTRAINT "notifications_source_uq" UNIQUE NULLS NOT DISTINCT("source_key","staff_id","resident_id"),
	CONSTRAINT "notifications_owner_ck" CHECK (num_nonnulls("notifications"."staff_id", "notifications"."resident_id") = 1)
);
--> statement-breakpoint
CREATE TABLE "work_order_events" (
	"id" uuid PRIMARY KEY NOT NULL,
	"work_order_id" uuid NOT NULL,
	"command" text NOT NULL,
	"from_state" text,
	"to_state" text NOT NULL,
	"actor_kind" text NOT NULL,
	"actor_staff_id" uuid,
	"actor_resident_id" uuid,
	"at" timestamp with time zone NOT NULL,
	"received_at" timestamp with time zone NOT NULL,
	"note" text,
	"data" jsonb
);
--> statement-breakpoint
CREATE TABLE "work_order_photos" (
	"id" uuid PRIMARY KEY NOT NULL,
	"staff_id" uuid,
	"resident_id" uuid,
	"content_type" text NOT NULL,
	"size" integer NOT NULL,
	"bytes" "bytea" NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "work_order_photos_size_ck" CHECK ("work_order_photos"."size" between 1 and 5242880),
	CONSTRAINT "work_order_photos_owner_ck" CHECK (num_nonnulls("work_order_photos"."staff_id", "work_order_photos"."resident_id") = 1)
);
--> statement-breakpoint
CREATE TABLE "work_order_sequences" (
	"estate_id" uuid NOT NULL,
	"day" text NOT NULL,
	"next" bigint NOT NULL,
	CONSTRAINT "work_order_sequences_estate_id_day_pk" PRIMARY KEY("estate_id","day")
);
--> statement-breakpoint
CREATE TABLE "work_order_settings" (
	"estate_id" uuid PRIMARY KEY NOT NULL,
	"settings" jsonb NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "work_orders" (
	"id" uuid PRIMARY KEY NOT NULL,
	"number" text NOT NULL,
	"estate_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"state" text NOT NULL,
	"category" text NOT NULL,
	"priority" text NOT NULL,
	"location" text,
	"unit_id" uuid,
	"description" text NOT NULL,
	"report_photos" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"contact_name" text,
	"contact_phone" text,
	"appointment_at" timestamp with time zone,
	"reporter_id" uuid NOT NULL,
	"reported_by" text NOT NULL,
	"resident_id" uuid,
	"anonymous" boolean DEFAULT false NOT NULL,
	"submitted_at" timestamp with time zone NOT NULL,
	"response_due_at" timestamp with time zone NOT NULL,
	"complete_due_at" timestamp with time zone NOT NULL,
	"responded_at" timestamp with time zone,
	"assignee_id" uuid,
	"assigned_at" timestamp with time zone,
	"assigned_via" text,
	"accepted_at" timestamp with time zone,
	"started_at" timestamp with time zone,
	"hold_reason" text,
	"held_at" timestamp with time zone,
	"completed_at" timestamp with time zone,
	"completion_notes" text,
	"completion_photos" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"materials" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"labour_minutes" integer,
	"charge_amount" numeric(14, 2),
	"charge_id" uuid,
	"reply_text" text,
	"survey" jsonb,
	"closed_at" timestamp with time zone,
	"close_reason" text,
	"cancelled_at" timestamp with time zone,
	"cancel_reason" text,
	"cancelled_by" text,
	"reopen_count" integer DEFAULT 0 NOT NULL,
	"reopened_at" timestamp with time zone,
	"reopen_reason" text,
	"escalation_level" integer DEFAULT 0 NOT NULL,
	"escalated_at" timestamp with time zone,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "work_orders_number_uq" UNIQUE("estate_id","number"),
	CONSTRAINT "work_orders_charge_ck" CHECK ("work_orders"."charge_amount" is null or "work_orders"."charge_amount" >= 0)
);
--> statement-breakpoint
ALTER TABLE "buildings" ADD CONSTRAINT "buildings_estate_id_estates_id_fk" FOREIGN KEY ("estate_id") REFERENCES "public"."estates"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "estates" ADD CONSTRAINT "estates_id_org_nodes_id_fk" FOREIGN KEY ("id") REFERENCES "public"."org_nodes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "estates" ADD CONSTRAINT "estates_office_id_org_nodes_id_fk" FOREIGN KEY ("office_id") REFERENCES "public"."org_nodes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "org_nodes" ADD CONSTRAINT "org_nodes_parent_id_org_nodes_id_fk" FOREIGN KEY ("parent_id") REFERENCES "public"."org_nodes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "units" ADD CONSTRAINT "units_estate_id_estates_id_fk" FOREIGN KEY ("estate_id") REFERENCES "public"."estates"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "units" ADD CONSTRAINT "units_building_id_buildings_id_fk" FOREIGN KEY ("building_id") REFERENCES "public"."buildings"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "occupancies" ADD CONSTRAINT "occupancies_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "occupancies" ADD CONSTRAINT "occupancies_party_id_parties_id_fk" FOREIGN KEY ("party_id") REFERENCES "public"."parties"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "parties" ADD CONSTRAINT "parties_org_node_id_org_nodes_id_fk" FOREIGN KEY ("org_node_id") REFERENCES "public"."org_nodes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "resident_bindings" ADD CONSTRAINT "resident_bindings_resident_id_resident_accounts_id_fk" FOREIGN KEY ("resident_id") REFERENCES "public"."resident_accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "resident_bindings" ADD CONSTRAINT "resident_bindings_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "resident_bindings" ADD CONSTRAINT "resident_bindings_revoked_by_staff_accounts_id_fk" FOREIGN KEY ("revoked_by") REFERENCES "public"."staff_accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "unit_invites" ADD CONSTRAINT "unit_invites_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "unit_invites" ADD CONSTRAINT "unit_invites_created_by_staff_accounts_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."staff_accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "unit_invites" ADD CONSTRAINT "unit_invites_used_by_resident_accounts_id_fk" FOREIGN KEY ("used_by") REFERENCES "public"."resident_accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "grants" ADD CONSTRAINT "grants_staff_id_staff_accounts_id_fk" FOREIGN KEY ("staff_id") REFERENCES "public"."staff_accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "grants" ADD CONSTRAINT "grants_node_id_org_nodes_id_fk" FOREIGN KEY ("node_id") REFERENCES "public"."org_nodes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "staff_accounts" ADD CONSTRAINT "staff_accounts_home_node_id_org_nodes_id_fk" FOREIGN KEY ("home_node_id") REFERENCES "public"."org_nodes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meter_replacements" ADD CONSTRAINT "meter_replacements_meter_id_meters_id_fk" FOREIGN KEY ("meter_id") REFERENCES "public"."meters"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meter_replacements" ADD CONSTRAINT "meter_replacements_created_by_staff_accounts_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."staff_accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meter_shares" ADD CONSTRAINT "meter_shares_meter_id_meters_id_fk" FOREIGN KEY ("meter_id") REFERENCES "public"."meters"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meter_shares" ADD CONSTRAINT "meter_shares_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meters" ADD CONSTRAINT "meters_estate_id_estates_id_fk" FOREIGN KEY ("estate_id") REFERENCES "public"."estates"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meters" ADD CONSTRAINT "meters_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "photos" ADD CONSTRAINT "photos_command_id_sync_commands_id_fk" FOREIGN KEY ("command_id") REFERENCES "public"."sync_commands"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "photos" ADD CONSTRAINT "photos_staff_id_staff_accounts_id_fk" FOREIGN KEY ("staff_id") REFERENCES "public"."staff_accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reading_routes" ADD CONSTRAINT "reading_routes_estate_id_estates_id_fk" FOREIGN KEY ("estate_id") REFERENCES "public"."estates"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reading_routes" ADD CONSTRAINT "reading_routes_reader_id_staff_accounts_id_fk" FOREIGN KEY ("reader_id") REFERENCES "public"."staff_accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reading_routes" ADD CONSTRAINT "reading_routes_created_by_staff_accounts_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."staff_accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "readings" ADD CONSTRAINT "readings_meter_id_meters_id_fk" FOREIGN KEY ("meter_id") REFERENCES "public"."meters"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "readings" ADD CONSTRAINT "readings_route_id_reading_routes_id_fk" FOREIGN KEY ("route_id") REFERENCES "public"."reading_routes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "readings" ADD CONSTRAINT "readings_reader_id_staff_accounts_id_fk" FOREIGN KEY ("reader_id") REFERENCES "public"."staff_accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "readings" ADD CONSTRAINT "readings_reviewed_by_staff_accounts_id_fk" FOREIGN KEY ("reviewed_by") REFERENCES "public"."staff_accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "route_meters" ADD CONSTRAINT "route_meters_route_id_reading_routes_id_fk" FOREIGN KEY ("route_id") REFERENCES "public"."reading_routes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "route_meters" ADD CONSTRAINT "route_meters_meter_id_meters_id_fk" FOREIGN KEY ("meter_id") REFERENCES "public"."meters"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sync_commands" ADD CONSTRAINT "sync_commands_staff_id_staff_accounts_id_fk" FOREIGN KEY ("staff_id") REFERENCES "public"."staff_accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "billing_runs" ADD CONSTRAINT "billing_runs_estate_id_estates_id_fk" FOREIGN KEY ("estate_id") REFERENCES "public"."estates"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "billing_runs" ADD CONSTRAINT "billing_runs_created_by_staff_accounts_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."staff_accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "billing_settings" ADD CONSTRAINT "billing_settings_estate_id_estates_id_fk" FOREIGN KEY ("estate_id") REFERENCES "public"."estates"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "charges" ADD CONSTRAINT "charges_estate_id_estates_id_fk" FOREIGN KEY ("estate_id") REFERENCES "public"."estates"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "charges" ADD CONSTRAINT "charges_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "charges" ADD CONSTRAINT "charges_fee_item_id_fee_items_id_fk" FOREIGN KEY ("fee_item_id") REFERENCES "public"."fee_items"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "charges" ADD CONSTRAINT "charges_standard_id_fee_standards_id_fk" FOREIGN KEY ("standard_id") REFERENCES "public"."fee_standards"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "charges" ADD CONSTRAINT "charges_meter_id_meters_id_fk" FOREIGN KEY ("meter_id") REFERENCES "public"."meters"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "day_closes" ADD CONSTRAINT "day_closes_estate_id_estates_id_fk" FOREIGN KEY ("estate_id") REFERENCES "public"."estates"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "day_closes" ADD CONSTRAINT "day_closes_cashier_id_staff_accounts_id_fk" FOREIGN KEY ("cashier_id") REFERENCES "public"."staff_accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fee_assignments" ADD CONSTRAINT "fee_assignments_standard_id_fee_standards_id_fk" FOREIGN KEY ("standard_id") REFERENCES "public"."fee_standards"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fee_items" ADD CONSTRAINT "fee_items_node_id_org_nodes_id_fk" FOREIGN KEY ("node_id") REFERENCES "public"."org_nodes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fee_standards" ADD CONSTRAINT "fee_standards_estate_id_estates_id_fk" FOREIGN KEY ("estate_id") REFERENCES "public"."estates"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fee_standards" ADD CONSTRAINT "fee_standards_fee_item_id_fee_items_id_fk" FOREIGN KEY ("fee_item_id") REFERENCES "public"."fee_items"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fee_standards" ADD CONSTRAINT "fee_standards_created_by_staff_accounts_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."staff_accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ledger_approvals" ADD CONSTRAINT "ledger_approvals_estate_id_estates_id_fk" FOREIGN KEY ("estate_id") REFERENCES "public"."estates"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ledger_approvals" ADD CONSTRAINT "ledger_approvals_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ledger_approvals" ADD CONSTRAINT "ledger_approvals_charge_id_charges_id_fk" FOREIGN KEY ("charge_id") REFERENCES "public"."charges"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ledger_approvals" ADD CONSTRAINT "ledger_approvals_requested_by_staff_accounts_id_fk" FOREIGN KEY ("requested_by") REFERENCES "public"."staff_accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ledger_approvals" ADD CONSTRAINT "ledger_approvals_decided_by_staff_accounts_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."staff_accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ledger_approvals" ADD CONSTRAINT "ledger_approvals_entry_id_ledger_entries_id_fk" FOREIGN KEY ("entry_id") REFERENCES "public"."ledger_entries"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ledger_entries" ADD CONSTRAINT "ledger_entries_estate_id_estates_id_fk" FOREIGN KEY ("estate_id") REFERENCES "public"."estates"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ledger_entries" ADD CONSTRAINT "ledger_entries_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ledger_entries" ADD CONSTRAINT "ledger_entries_charge_id_charges_id_fk" FOREIGN KEY ("charge_id") REFERENCES "public"."charges"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ledger_entries" ADD CONSTRAINT "ledger_entries_receipt_id_receipts_id_fk" FOREIGN KEY ("receipt_id") REFERENCES "public"."receipts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ledger_entries" ADD CONSTRAINT "ledger_entries_created_by_staff_accounts_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."staff_accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ledger_entries" ADD CONSTRAINT "ledger_entries_approved_by_staff_accounts_id_fk" FOREIGN KEY ("approved_by") REFERENCES "public"."staff_accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "opening_balance_imports" ADD CONSTRAINT "opening_balance_imports_estate_id_estates_id_fk" FOREIGN KEY ("estate_id") REFERENCES "public"."estates"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "opening_balance_imports" ADD CONSTRAINT "opening_balance_imports_created_by_staff_accounts_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."staff_accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "penalty_postings" ADD CONSTRAINT "penalty_postings_estate_id_estates_id_fk" FOREIGN KEY ("estate_id") REFERENCES "public"."estates"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "penalty_postings" ADD CONSTRAINT "penalty_postings_base_charge_id_charges_id_fk" FOREIGN KEY ("base_charge_id") REFERENCES "public"."charges"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "penalty_postings" ADD CONSTRAINT "penalty_postings_penalty_charge_id_charges_id_fk" FOREIGN KEY ("penalty_charge_id") REFERENCES "public"."charges"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "penalty_postings" ADD CONSTRAINT "penalty_postings_created_by_staff_accounts_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."staff_accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "receipt_sequences" ADD CONSTRAINT "receipt_sequences_estate_id_estates_id_fk" FOREIGN KEY ("estate_id") REFERENCES "public"."estates"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "receipts" ADD CONSTRAINT "receipts_estate_id_estates_id_fk" FOREIGN KEY ("estate_id") REFERENCES "public"."estates"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "receipts" ADD CONSTRAINT "receipts_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "receipts" ADD CONSTRAINT "receipts_cashier_id_staff_accounts_id_fk" FOREIGN KEY ("cashier_id") REFERENCES "public"."staff_accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "receipts" ADD CONSTRAINT "receipts_voided_by_staff_accounts_id_fk" FOREIGN KEY ("voided_by") REFERENCES "public"."staff_accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "payment_reminders" ADD CONSTRAINT "payment_reminders_estate_id_estates_id_fk" FOREIGN KEY ("estate_id") REFERENCES "public"."estates"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "payment_reminders" ADD CONSTRAINT "payment_reminders_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "payment_reminders" ADD CONSTRAINT "payment_reminders_created_by_staff_accounts_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."staff_accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "payment_notifications" ADD CONSTRAINT "payment_notifications_order_id_payment_orders_id_fk" FOREIGN KEY ("order_id") REFERENCES "public"."payment_orders"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "payment_order_charges" ADD CONSTRAINT "payment_order_charges_order_id_payment_orders_id_fk" FOREIGN KEY ("order_id") REFERENCES "public"."payment_orders"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "payment_order_charges" ADD CONSTRAINT "payment_order_charges_charge_id_charges_id_fk" FOREIGN KEY ("charge_id") REFERENCES "public"."charges"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "payment_orders" ADD CONSTRAINT "payment_orders_estate_id_estates_id_fk" FOREIGN KEY ("estate_id") REFERENCES "public"."estates"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "payment_orders" ADD CONSTRAINT "payment_orders_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "payment_orders" ADD CONSTRAINT "payment_orders_resident_id_resident_accounts_id_fk" FOREIGN KEY ("resident_id") REFERENCES "public"."resident_accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "payment_orders" ADD CONSTRAINT "payment_orders_receipt_id_receipts_id_fk" FOREIGN KEY ("receipt_id") REFERENCES "public"."receipts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "payment_refunds" ADD CONSTRAINT "payment_refunds_order_id_payment_orders_id_fk" FOREIGN KEY ("order_id") REFERENCES "public"."payment_orders"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "payment_refunds" ADD CONSTRAINT "payment_refunds_requested_by_staff_accounts_id_fk" FOREIGN KEY ("requested_by") REFERENCES "public"."staff_accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reconciliation_mismatches" ADD CONSTRAINT "reconciliation_mismatches_run_id_reconciliation_runs_id_fk" FOREIGN KEY ("run_id") REFERENCES "public"."reconciliation_runs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reconciliation_mismatches" ADD CONSTRAINT "reconciliation_mismatches_estate_id_estates_id_fk" FOREIGN KEY ("estate_id") REFERENCES "public"."estates"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reconciliation_mismatches" ADD CONSTRAINT "reconciliation_mismatches_order_id_payment_orders_id_fk" FOREIGN KEY ("order_id") REFERENCES "public"."payment_orders"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reconciliation_mismatches" ADD CONSTRAINT "reconciliation_mismatches_refund_id_payment_refunds_id_fk" FOREIGN KEY ("refund_id") REFERENCES "public"."payment_refunds"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reconciliation_runs" ADD CONSTRAINT "reconciliation_runs_created_by_staff_accounts_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."staff_accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "resident_wechat_ids" ADD CONSTRAINT "resident_wechat_ids_resident_id_resident_accounts_id_fk" FOREIGN KEY ("resident_id") REFERENCES "public"."resident_accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notice_attachments" ADD CONSTRAINT "notice_attachments_notice_id_notices_id_fk" FOREIGN KEY ("notice_id") REFERENCES "public"."notices"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notice_attachments" ADD CONSTRAINT "notice_attachments_created_by_staff_accounts_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."staff_accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notice_reads" ADD CONSTRAINT "notice_reads_notice_id_notices_id_fk" FOREIGN KEY ("notice_id") REFERENCES "public"."notices"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notice_reads" ADD CONSTRAINT "notice_reads_resident_id_resident_accounts_id_fk" FOREIGN KEY ("resident_id") REFERENCES "public"."resident_accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notice_targets" ADD CONSTRAINT "notice_targets_notice_id_notices_id_fk" FOREIGN KEY ("notice_id") REFERENCES "public"."notices"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notice_targets" ADD CONSTRAINT "notice_targets_building_id_buildings_id_fk" FOREIGN KEY ("building_id") REFERENCES "public"."buildings"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notice_targets" ADD CONSTRAINT "notice_targets_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notices" ADD CONSTRAINT "notices_estate_id_estates_id_fk" FOREIGN KEY ("estate_id") REFERENCES "public"."estates"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notices" ADD CONSTRAINT "notices_created_by_staff_accounts_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."staff_accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notices" ADD CONSTRAINT "notices_published_by_staff_accounts_id_fk" FOREIGN KEY ("published_by") REFERENCES "public"."staff_accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notices" ADD CONSTRAINT "notices_withdrawn_by_staff_accounts_id_fk" FOREIGN KEY ("withdrawn_by") REFERENCES "public"."staff_accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notifications" ADD CONSTRAINT "notifications_staff_id_staff_accounts_id_fk" FOREIGN KEY ("staff_id") REFERENCES "public"."staff_accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notifications" ADD CONSTRAINT "notifications_resident_id_resident_accounts_id_fk" FOREIGN KEY ("resident_id") REFERENCES "public"."resident_accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notifications" ADD CONSTRAINT "notifications_work_order_id_work_orders_id_fk" FOREIGN KEY ("work_order_id") REFERENCES "public"."work_orders"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "work_order_events" ADD CONSTRAINT "work_order_events_work_order_id_work_orders_id_fk" FOREIGN KEY ("work_order_id") REFERENCES "public"."work_orders"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "work_order_events" ADD CONSTRAINT "work_order_events_actor_staff_id_staff_accounts_id_fk" FOREIGN KEY ("actor_staff_id") REFERENCES "public"."staff_accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "work_order_events" ADD CONSTRAINT "work_order_events_actor_resident_id_resident_accounts_id_fk" FOREIGN KEY ("actor_resident_id") REFERENCES "public"."resident_accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "work_order_photos" ADD CONSTRAINT "work_order_photos_staff_id_staff_accounts_id_fk" FOREIGN KEY ("staff_id") REFERENCES "public"."staff_accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "work_order_photos" ADD CONSTRAINT "work_order_photos_resident_id_resident_accounts_id_fk" FOREIGN KEY ("resident_id") REFERENCES "public"."resident_accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "work_order_sequences" ADD CONSTRAINT "work_order_sequences_estate_id_estates_id_fk" FOREIGN KEY ("estate_id") REFERENCES "public"."estates"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "work_order_settings" ADD CONSTRAINT "work_order_settings_estate_id_estates_id_fk" FOREIGN KEY ("estate_id") REFERENCES "public"."estates"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "work_orders" ADD CONSTRAINT "work_orders_estate_id_estates_id_fk" FOREIGN KEY ("estate_id") REFERENCES "public"."estates"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "work_orders" ADD CONSTRAINT "work_orders_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "work_orders" ADD CONSTRAINT "work_orders_resident_id_resident_accounts_id_fk" FOREIGN KEY ("resident_id") REFERENCES "public"."resident_accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "work_orders" ADD CONSTRAINT "work_orders_assignee_id_staff_accounts_id_fk" FOREIGN KEY ("assignee_id") REFERENCES "public"."staff_accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "work_orders" ADD CONSTRAINT "work_orders_charge_id_charges_id_fk" FOREIGN KEY ("charge_id") REFERENCES "public"."charges"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "audit_entity_idx" ON "audit_log" USING btree ("entity","entity_id","at");--> statement-breakpoint
CREATE INDEX "auth_attempts_key_at_idx" ON "auth_attempts" USING btree ("key","at");--> statement-breakpoint
CREATE INDEX "otp_codes_phone_idx" ON "otp_codes" USING btree ("phone","created_at");--> statement-breakpoint
CREATE INDEX "sessions_subject_idx" ON "sessions" USING btree ("subject_id");--> statement-breakpoint
CREATE INDEX "estates_office_idx" ON "estates" USING btree ("office_id");--> statement-breakpoint
CREATE INDEX "org_nodes_parent_idx" ON "org_nodes" USING btree ("parent_id");--> statement-breakpoint
CREATE INDEX "org_nodes_path_gin" ON "org_nodes" USING gin ("path");--> statement-breakpoint
CREATE INDEX "units_sort_idx" ON "units" USING btree ("sort_key");--> statement-breakpoint
CREATE INDEX "units_estate_sort_idx" ON "units" USING btree ("estate_id","sort_key");--> statement-breakpoint
CREATE INDEX "units_building_sort_idx" ON "units" USING btree ("building_id","sort_key");--> statement-breakpoint
CREATE INDEX "units_number_idx" ON "units" USING btree ("number");--> statement-breakpoint
CREATE INDEX "occupancies_unit_idx" ON "occupancies" USING btree ("unit_id");--> statement-breakpoint
CREATE INDEX "occupancies_party_idx" ON "occupancies" USING btree ("party_id");--> statement-breakpoint
CREATE INDEX "parties_org_idx" ON "parties" USING btree ("org_node_id");--> statement-breakpoint
CREATE INDEX "parties_phone_idx" ON "parties" USING btree ("phone");--> statement-breakpoint
CREATE INDEX "parties_name_idx" ON "parties" USING btree ("name");--> statement-breakpoint
CREATE UNIQUE INDEX "resident_bindings_live_uq" ON "resident_bindings" USING btree ("resident_id","unit_id") WHERE "resident_bindings"."revoked_at" is null;--> statement-breakpoint
CREATE INDEX "resident_bindings_unit_idx" ON "resident_bindings" USING btree ("unit_id");--> statement-breakpoint
CREATE INDEX "grants_staff_idx" ON "grants" USING btree ("staff_id");--> statement-breakpoint
CREATE INDEX "meter_replacements_meter_idx" ON "meter_replacements" USING btree ("meter_id","created_at");--> statement-breakpoint
CREATE INDEX "meters_unit_idx" ON "meters" USING btree ("unit_id");--> statement-breakpoint
CREATE INDEX "photos_command_idx" ON "photos" USING btree ("command_id");--> statement-breakpoint
CREATE INDEX "reading_routes_reader_idx" ON "reading_routes" USING btree ("reader_id","period");--> statement-breakpoint
CREATE INDEX "readings_meter_period_idx" ON "readings" USING btree ("meter_id","period","taken_at");--> statement-breakpoint
CREATE INDEX "readings_route_idx" ON "readings" USING btree ("route_id");--> statement-breakpoint
CREATE INDEX "readings_period_idx" ON "readings" USING btree ("period","meter_id");--> statement-breakpoint
CREATE INDEX "billing_runs_estate_period_idx" ON "billing_runs" USING btree ("estate_id","period");--> statement-breakpoint
CREATE INDEX "charges_estate_period_idx" ON "charges" USING btree ("estate_id","period");--> statement-breakpoint
CREATE INDEX "charges_unit_idx" ON "charges" USING btree ("unit_id","due_date");--> statement-breakpoint
CREATE INDEX "fee_standards_estate_idx" ON "fee_standards" USING btree ("estate_id");--> statement-breakpoint
CREATE INDEX "ledger_approvals_estate_idx" ON "ledger_approvals" USING btree ("estate_id","status","requested_at");--> statement-breakpoint
CREATE INDEX "ledger_unit_idx" ON "ledger_entries" USING btree ("unit_id","created_at");--> statement-breakpoint
CREATE INDEX "ledger_charge_idx" ON "ledger_entries" USING btree ("charge_id");--> statement-breakpoint
CREATE INDEX "ledger_receipt_idx" ON "ledger_entries" USING btree ("receipt_id");--> statement-breakpoint
CREATE INDEX "penalty_postings_estate_idx" ON "penalty_postings" USING btree ("estate_id","period");--> statement-breakpoint
CREATE INDEX "receipts_day_idx" ON "receipts" USING btree ("estate_id","business_date","cashier_id");--> statement-breakpoint
CREATE INDEX "payment_reminders_unit_idx" ON "payment_reminders" USING btree ("unit_id","contacted_at");--> statement-breakpoint
CREATE INDEX "payment_notifications_order_idx" ON "payment_notifications" USING btree ("order_id");--> statement-breakpoint
CREATE INDEX "payment_notifications_received_idx" ON "payment_notifications" USING btree ("received_at");--> statement-breakpoint
CREATE UNIQUE INDEX "payment_order_charges_open_uq" ON "payment_order_charges" USING btree ("charge_id") WHERE "payment_order_charges"."released_at" is null;--> statement-breakpoint
CREATE INDEX "payment_orders_open_idx" ON "payment_orders" USING btree ("state","expires_at");--> statement-breakpoint
CREATE INDEX "payment_orders_unit_idx" ON "payment_orders" USING btree ("unit_id","created_at");--> statement-breakpoint
CREATE INDEX "payment_orders_paid_idx" ON "payment_orders" USING btree ("provider","paid_at");--> statement-breakpoint
CREATE INDEX "payment_refunds_order_idx" ON "payment_refunds" USING btree ("order_id");--> statement-breakpoint
CREATE INDEX "payment_refunds_state_idx" ON "payment_refunds" USING btree ("state");--> statement-breakpoint
CREATE INDEX "reconciliation_mismatches_run_idx" ON "reconciliation_mismatches" USING btree ("run_id");--> statement-breakpoint
CREATE INDEX "reconciliation_mismatches_estate_idx" ON "reconciliation_mismatches" USING btree ("estate_id");--> statement-breakpoint
CREATE INDEX "reconciliation_runs_day_idx" ON "reconciliation_runs" USING btree ("day","provider","started_at");--> statement-breakpoint
CREATE INDEX "notice_attachments_notice_idx" ON "notice_attachments" USING btree ("notice_id","created_at");--> statement-breakpoint
CREATE INDEX "notice_reads_resident_idx" ON "notice_reads" USING btree ("resident_id");--> statement-breakpoint
CREATE INDEX "notice_targets_notice_idx" ON "notice_targets" USING btree ("notice_id");--> statement-breakpoint
CREATE INDEX "notice_targets_building_idx" ON "notice_targets" USING btree ("building_id");--> statement-breakpoint
CREATE INDEX "notice_targets_unit_idx" ON "notice_targets" USING btree ("unit_id");--> statement-breakpoint
CREATE UNIQUE INDEX "notice_targets_estate_uq" ON "notice_targets" USING btree ("notice_id") WHERE "notice_targets"."kind" = 'estate';--> statement-breakpoint
CREATE UNIQUE INDEX "notice_targets_building_uq" ON "notice_targets" USING btree ("notice_id","building_id") WHERE "notice_targets"."building_id" is not null;--> statement-breakpoint
CREATE UNIQUE INDEX "notice_targets_unit_uq" ON "notice_targets" USING btree ("notice_id","unit_id") WHERE "notice_targets"."unit_id" is not null;--> statement-breakpoint
CREATE INDEX "notices_estate_idx" ON "notices" USING btree ("estate_id","status","publish_at");--> statement-breakpoint
CREATE INDEX "notifications_staff_idx" ON "notifications" USING btree ("staff_id","created_at");--> statement-breakpoint
CREATE INDEX "notifications_resident_idx" ON "notifications" USING btree ("resident_id","created_at");--> statement-breakpoint
CREATE INDEX "work_order_events_order_idx" ON "work_order_events" USING btree ("work_order_id","at");--> statement-breakpoint
CREATE INDEX "work_orders_estate_state_idx" ON "work_orders" USING btree ("estate_id","state");--> statement-breakpoint
CREATE INDEX "work_orders_assignee_idx" ON "work_orders" USING btree ("assignee_id","state");--> statement-breakpoint
CREATE INDEX "work_orders_estate_submitted_idx" ON "work_orders" USING btree ("estate_id","submitted_at");--> statement-breakpoint
CREATE INDEX "work_orders_unit_idx" ON "work_orders" USING btree ("unit_id");--> statement-breakpoint
CREATE INDEX "work_orders_resident_idx" ON "work_orders" USING btree ("resident_id");--> statement-breakpoint
CREATE INDEX "work_orders_open_idx" ON "work_orders" USING btree ("state") WHERE "work_orders"."state" not in ('closed', 'cancelled');