-- One guard for every append-only table and every row that is never deleted (issue 15: the same
-- trigger function had been copied into five migrations). `app_append_only(errcode, hint,
-- message)` refuses the statement with the SQLSTATE the application maps (lib/db-errors.ts), the
-- catalogue hint and a message naming the table; each trigger passes its own, so every refusal
-- keeps the code and hint it had:
--   audit_log, negotiated_prices, ledger_entries (delete, truncate): 42501 (insufficient_privilege);
--   ledger_entry_history: TK006 (historyAppendOnly);
--   price_notices, price_notice_villages: TK113 (noticeImmutable).
CREATE OR REPLACE FUNCTION app_append_only() RETURNS trigger LANGUAGE plpgsql SET search_path = public, pg_catalog AS $$
DECLARE
  code text := coalesce(TG_ARGV[0], '42501');
  hint text := coalesce(TG_ARGV[1], '');
  msg text := coalesce(TG_ARGV[2], format('%s is append-only', TG_TABLE_NAME));
BEGIN
  RAISE EXCEPTION USING ERRCODE = code, MESSAGE = msg, HINT = hint;
END;
$$;
--> statement-breakpoint
DROP TRIGGER audit_log_append_only ON audit_log;
--> statement-breakpoint
CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log
  FOR EACH ROW EXECUTE FUNCTION app_append_only('42501');
--> statement-breakpoint
DROP TRIGGER audit_log_no_truncate ON audit_log;
--> statement-breakpoint
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
  FOR EACH STATEMENT EXECUTE FUNCTION app_append_only('42501');
--> statement-breakpoint
DROP TRIGGER negotiated_prices_no_delete ON negotiated_prices;
--> statement-breakpoint
CREATE TRIGGER negotiated_prices_no_delete BEFORE DELETE ON negotiated_prices
  FOR EACH ROW EXECUTE FUNCTION app_append_only('42501');
--> statement-breakpoint
DROP TRIGGER negotiated_prices_no_truncate ON negotiated_prices;
--> statement-breakpoint
CREATE TRIGGER negotiated_prices_no_truncate BEFORE TRUNCATE ON negotiated_prices
  FOR EACH STATEMENT EXECUTE FUNCTION app_append_only('42501');
--> statement-breakpoint
DROP TRIGGER ledger_entry_history_append_only ON ledger_entry_history;
--> statement-breakpoint
CREATE TRIGGER ledger_entry_history_append_only BEFORE UPDATE OR DELETE ON ledger_entry_history
  FOR EACH ROW EXECUTE FUNCTION app_append_only('TK006', 'historyAppendOnly');
--> statement-breakpoint
DROP TRIGGER price_notices_append_only ON price_notices;
--> statement-breakpoint
CREATE TRIGGER price_notices_append_only BEFORE UPDATE OR DELETE ON price_notices
  FOR EACH ROW EXECUTE FUNCTION app_append_only('TK113', 'noticeImmutable');
--> statement-breakpoint
DROP TRIGGER price_notice_villages_append_only ON price_notice_villages;
--> statement-breakpoint
CREATE TRIGGER price_notice_villages_append_only BEFORE UPDATE OR DELETE ON price_notice_villages
  FOR EACH ROW EXECUTE FUNCTION app_append_only('TK113', 'noticeImmutable');
--> statement-breakpoint
DROP TRIGGER ledger_entries_no_delete ON ledger_entries;
--> statement-breakpoint
CREATE TRIGGER ledger_entries_no_delete BEFORE DELETE ON ledger_entries
  FOR EACH ROW EXECUTE FUNCTION app_append_only('42501', '', 'ledger entries are voided, never deleted');
--> statement-breakpoint
DROP TRIGGER ledger_entries_no_truncate ON ledger_entries;
--> statement-breakpoint
CREATE TRIGGER ledger_entries_no_truncate BEFORE TRUNCATE ON ledger_entries
  FOR EACH STATEMENT EXECUTE FUNCTION app_append_only('42501', '', 'ledger entries are voided, never deleted');
--> statement-breakpoint
DROP FUNCTION tamkin_audit_append_only();
--> statement-breakpoint
DROP FUNCTION tamkin_ledger_no_delete();
--> statement-breakpoint
DROP FUNCTION tamkin_prices_append_only();
--> statement-breakpoint
DROP FUNCTION tamkin_history_append_only();
--> statement-breakpoint
DROP FUNCTION tamkin_price_notice_append_only();
