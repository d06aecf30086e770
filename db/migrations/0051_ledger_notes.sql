CREATE TABLE "ledger_entry_note_history" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"entry_id" uuid NOT NULL,
	"ngo_org_id" uuid NOT NULL,
	"group_id" uuid NOT NULL,
	"changed_by" uuid,
	"changed_at" timestamp with time zone DEFAULT now() NOT NULL,
	"before" text NOT NULL,
	"after" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "ledger_entry_notes" (
	"entry_id" uuid PRIMARY KEY NOT NULL,
	"ngo_org_id" uuid NOT NULL,
	"group_id" uuid NOT NULL,
	"note" text NOT NULL
);
--> statement-breakpoint
ALTER TABLE "ledger_entry_note_history" ADD CONSTRAINT "ledger_entry_note_history_entry_id_ledger_entries_id_fk" FOREIGN KEY ("entry_id") REFERENCES "public"."ledger_entries"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ledger_entry_note_history" ADD CONSTRAINT "ledger_entry_note_history_ngo_org_id_organisations_id_fk" FOREIGN KEY ("ngo_org_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ledger_entry_note_history" ADD CONSTRAINT "ledger_entry_note_history_changed_by_users_id_fk" FOREIGN KEY ("changed_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ledger_entry_notes" ADD CONSTRAINT "ledger_entry_notes_ngo_org_id_organisations_id_fk" FOREIGN KEY ("ngo_org_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "ledger_entry_note_history_entry_idx" ON "ledger_entry_note_history" USING btree ("entry_id","changed_at");--> statement-breakpoint
-- Issue 11, point 3: a ledger note is free text, and an NGO's staff write people's names in it
-- ("credit for Aminetou", "paid back by Mariem"). Notes move out of ledger_entries (read by every
-- reader of the group: the consortium, the commune, the network) into ledger_entry_notes, read
-- and written only in the context of the NGO supporting the entry's group; a group manager reads
-- her own group's (the restrictive policy every table with a group column has, migration 0044).
-- Writers are unchanged (the ledger forms, the offline sync, imports, the till, the demo seed,
-- the benchmark's COPY): they still put the note in ledger_entries.note, and a BEFORE trigger
-- moves it at once (the column keeps ''). A changed note leaves its previous text in
-- ledger_entry_note_history, as readable as the notes and append-only; the ledger's own history
-- (ledger_entry_history, read by every reader of the group) no longer carries notes.
-- The note's foreign key is checked at commit: the note row is written before its entry row.
ALTER TABLE ledger_entry_notes ADD CONSTRAINT ledger_entry_notes_entry_fk
  FOREIGN KEY (entry_id) REFERENCES ledger_entries(id) ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED;
--> statement-breakpoint
SELECT app_enable_rls('ledger_entry_notes');
--> statement-breakpoint
CREATE POLICY ledger_entry_notes_ngo ON ledger_entry_notes FOR ALL
  USING (ngo_org_id = (SELECT app_current_org())) WITH CHECK (ngo_org_id = (SELECT app_current_org()));
--> statement-breakpoint
CREATE POLICY ledger_entry_notes_manager ON ledger_entry_notes AS RESTRICTIVE FOR ALL
  USING ((SELECT app_current_group()) IS NULL OR group_id = (SELECT app_current_group()))
  WITH CHECK ((SELECT app_current_group()) IS NULL OR group_id = (SELECT app_current_group()));
--> statement-breakpoint
SELECT app_enable_rls('ledger_entry_note_history');
--> statement-breakpoint
CREATE POLICY ledger_entry_note_history_ngo ON ledger_entry_note_history FOR ALL
  USING (ngo_org_id = (SELECT app_current_org())) WITH CHECK (ngo_org_id = (SELECT app_current_org()));
--> statement-breakpoint
CREATE POLICY ledger_entry_note_history_manager ON ledger_entry_note_history AS RESTRICTIVE FOR ALL
  USING ((SELECT app_current_group()) IS NULL OR group_id = (SELECT app_current_group()))
  WITH CHECK ((SELECT app_current_group()) IS NULL OR group_id = (SELECT app_current_group()));
--> statement-breakpoint
CREATE TRIGGER ledger_entry_note_history_append_only BEFORE UPDATE OR DELETE ON ledger_entry_note_history
  FOR EACH ROW EXECUTE FUNCTION app_append_only('TK006', 'historyAppendOnly');
--> statement-breakpoint
CREATE TRIGGER ledger_entry_note_history_no_truncate BEFORE TRUNCATE ON ledger_entry_note_history
  FOR EACH STATEMENT EXECUTE FUNCTION app_append_only('TK006', 'historyAppendOnly');
--> statement-breakpoint
-- Not a definer: the writer (the NGO, or the owner in maintenance) writes the note under its own
-- row-level security, with the entry's NGO and group. On UPDATE OF note the previous text is the
-- stored note (or the column's, for a row written before this migration's move).
CREATE OR REPLACE FUNCTION app_ledger_note_moves() RETURNS trigger LANGUAGE plpgsql SET search_path = public, pg_catalog AS $$
DECLARE
  previous text := '';
BEGIN
  IF TG_OP = 'UPDATE' THEN
    SELECT n.note INTO previous FROM public.ledger_entry_notes n WHERE n.entry_id = NEW.id;
    previous := coalesce(previous, OLD.note, '');
    IF NEW.note IS DISTINCT FROM previous THEN
      INSERT INTO public.ledger_entry_note_history (entry_id, ngo_org_id, group_id, changed_by, before, after)
      VALUES (NEW.id, NEW.ngo_org_id, NEW.group_id, app_current_user(), previous, coalesce(NEW.note, ''));
    END IF;
  END IF;
  IF coalesce(NEW.note, '') = '' THEN
    DELETE FROM public.ledger_entry_notes WHERE entry_id = NEW.id;
  ELSE
    INSERT INTO public.ledger_entry_notes (entry_id, ngo_org_id, group_id, note)
    VALUES (NEW.id, NEW.ngo_org_id, NEW.group_id, NEW.note)
    ON CONFLICT (entry_id) DO UPDATE SET note = EXCLUDED.note;
  END IF;
  NEW.note := '';
  RETURN NEW;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER ledger_entries_note_moves BEFORE INSERT ON ledger_entries
  FOR EACH ROW WHEN (NEW.note <> '') EXECUTE FUNCTION app_ledger_note_moves();
--> statement-breakpoint
CREATE TRIGGER ledger_entries_note_changes BEFORE UPDATE OF note ON ledger_entries
  FOR EACH ROW EXECUTE FUNCTION app_ledger_note_moves();
--> statement-breakpoint
-- The ledger's history snapshots no longer carry the note (always '' in the row from now on).
CREATE OR REPLACE FUNCTION app_ledger_snapshot(e ledger_entries) RETURNS jsonb LANGUAGE sql IMMUTABLE SET search_path = public, pg_catalog AS $$
  SELECT jsonb_build_object('kind', e.kind, 'occurredOn', e.occurred_on, 'amount', e.amount, 'currency', e.currency,
    'version', e.version, 'voidedAt', e.voided_at, 'voidReason', e.void_reason)
$$;
--> statement-breakpoint
-- The notes already stored move (as the owner, in maintenance for this transaction; the tables'
-- own triggers are paused: nothing but the note moves). Their past changes, kept until now in the
-- ledger's history snapshots, move to the notes' history, and leave the snapshots.
SELECT set_config('app.maintenance', 'on', true);
--> statement-breakpoint
INSERT INTO ledger_entry_notes (entry_id, ngo_org_id, group_id, note)
  SELECT e.id, e.ngo_org_id, e.group_id, e.note FROM ledger_entries e WHERE e.note <> '';
--> statement-breakpoint
INSERT INTO ledger_entry_note_history (entry_id, ngo_org_id, group_id, changed_by, changed_at, before, after)
  SELECT h.entry_id, e.ngo_org_id, e.group_id, h.changed_by, h.changed_at, coalesce(h.before ->> 'note', ''), coalesce(h.after ->> 'note', '')
  FROM ledger_entry_history h JOIN ledger_entries e ON e.id = h.entry_id
  WHERE (h.before ->> 'note') IS DISTINCT FROM (h.after ->> 'note');
--> statement-breakpoint
ALTER TABLE ledger_entry_history DISABLE TRIGGER USER;
--> statement-breakpoint
UPDATE ledger_entry_history SET before = before - 'note', after = after - 'note' WHERE before -> 'note' IS NOT NULL OR after -> 'note' IS NOT NULL;
--> statement-breakpoint
ALTER TABLE ledger_entry_history ENABLE TRIGGER USER;
--> statement-breakpoint
ALTER TABLE ledger_entries DISABLE TRIGGER USER;
--> statement-breakpoint
UPDATE ledger_entries SET note = '' WHERE note <> '';
--> statement-breakpoint
ALTER TABLE ledger_entries ENABLE TRIGGER USER;
