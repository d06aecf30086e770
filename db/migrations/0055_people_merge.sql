-- Merging near-duplicate people (issue 14.4): people.merged_into_id and the rules that keep a merge coherent.
ALTER TABLE "people" ADD COLUMN "merged_into_id" uuid;--> statement-breakpoint
ALTER TABLE "people" ADD CONSTRAINT "people_merged_into_id_people_id_fk" FOREIGN KEY ("merged_into_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "people_merged_into_idx" ON "people" USING btree ("merged_into_id") WHERE "people"."merged_into_id" is not null;--> statement-breakpoint
ALTER TABLE "people" ADD CONSTRAINT "people_not_merged_into_self" CHECK ("people"."merged_into_id" <> "people"."id");--> statement-breakpoint
ALTER TABLE "people" ADD CONSTRAINT "people_merged_is_archived" CHECK ("people"."merged_into_id" is null or "people"."archived_at" is not null);
--> statement-breakpoint
-- The rules of a merge (lib/people/merge-service.ts), held by the database whoever writes:
--   1. merged_into_id names a person of the same NGO who is neither archived nor merged, and a
--      person others are merged into is not merged in turn (the service first points them to the
--      new kept person): no chains (TK440). Not into oneself, and only an archived person is merged
--      (checks above).
--   2. A membership or a technical aid moves (person_id changes) only to a person of the same NGO
--      who is not archived (TK440, TK011): a merged person, being archived, takes nothing new; new
--      rows for them are already refused (group_memberships_not_archived, migration 0033).
--      A merged person gets no new technical aid either (it belongs on the record kept).
--   3. A membership moves only if no quarter it spans (joined_on to left_on, or today) is locked:
--      the person it counts changes (sex, age, answers, and one person fewer where both were
--      members) in every one of them, as for an edit of a person's counted attributes (0033).
--      The generic guard of 0013 checks only the quarters of its two dates. Technical aids are
--      covered by that guard (the quarter of received_on, on any change of the row).
-- The lookups read as the owner, so that another NGO's person is found (and refused) whatever the
-- writer may read.
CREATE OR REPLACE FUNCTION app_person_facts(person uuid, OUT ngo uuid, OUT archived boolean, OUT merged boolean, OUT merged_into_it boolean)
  LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = public, pg_catalog AS $$
DECLARE
  prev text := coalesce(current_setting('app.maintenance', true), '');
BEGIN
  PERFORM set_config('app.maintenance', 'on', true);
  SELECT p.ngo_org_id, p.archived_at IS NOT NULL, p.merged_into_id IS NOT NULL,
    EXISTS (SELECT 1 FROM people o WHERE o.merged_into_id = p.id)
    INTO ngo, archived, merged, merged_into_it
    FROM people p WHERE p.id = person;
  PERFORM set_config('app.maintenance', prev, true);
END;
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION tamkin_people_merge_guard() RETURNS trigger LANGUAGE plpgsql SET search_path = public, pg_catalog AS $$
DECLARE
  target record;
  self record;
BEGIN
  SELECT * INTO target FROM app_person_facts(NEW.merged_into_id);
  IF target.ngo IS DISTINCT FROM NEW.ngo_org_id THEN
    RAISE EXCEPTION 'a person is merged into a person of the same NGO' USING ERRCODE = 'TK440', HINT = 'mergeOtherNgo';
  END IF;
  IF target.archived OR target.merged THEN
    RAISE EXCEPTION 'a person is merged into a person who is neither archived nor merged' USING ERRCODE = 'TK440', HINT = 'mergeIntoMerged';
  END IF;
  IF TG_OP = 'UPDATE' AND OLD.merged_into_id IS NULL THEN
    SELECT * INTO self FROM app_person_facts(NEW.id);
    IF self.merged_into_it THEN
      RAISE EXCEPTION 'people merged into this person must first be merged into the kept one' USING ERRCODE = 'TK440', HINT = 'mergeChain';
    END IF;
  END IF;
  RETURN NEW;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER people_merge_guard BEFORE INSERT OR UPDATE OF merged_into_id ON people
  FOR EACH ROW WHEN (NEW.merged_into_id IS NOT NULL) EXECUTE FUNCTION tamkin_people_merge_guard();
--> statement-breakpoint
CREATE OR REPLACE FUNCTION tamkin_person_move_guard() RETURNS trigger LANGUAGE plpgsql SET search_path = public, pg_catalog AS $$
DECLARE
  src record;
  dst record;
BEGIN
  SELECT * INTO src FROM app_person_facts(OLD.person_id);
  SELECT * INTO dst FROM app_person_facts(NEW.person_id);
  IF dst.ngo IS DISTINCT FROM src.ngo THEN
    RAISE EXCEPTION '% move only to a person of the same NGO', TG_TABLE_NAME USING ERRCODE = 'TK440', HINT = 'mergeOtherNgo';
  END IF;
  IF dst.archived THEN
    RAISE EXCEPTION 'an archived record of people takes no new entries' USING ERRCODE = 'TK011', HINT = 'recordArchived';
  END IF;
  IF TG_TABLE_NAME = 'group_memberships' AND NOT app_guards_exempt() THEN
    PERFORM app_assert_quarters_open(app_owner_ngo('group', OLD.group_id), app_quarters_between(OLD.joined_on, coalesce(OLD.left_on, current_date)));
  END IF;
  RETURN NEW;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER group_memberships_move_guard BEFORE UPDATE OF person_id ON group_memberships
  FOR EACH ROW WHEN (NEW.person_id IS DISTINCT FROM OLD.person_id) EXECUTE FUNCTION tamkin_person_move_guard();
--> statement-breakpoint
CREATE TRIGGER technical_aids_move_guard BEFORE UPDATE OF person_id ON technical_aids
  FOR EACH ROW WHEN (NEW.person_id IS DISTINCT FROM OLD.person_id) EXECUTE FUNCTION tamkin_person_move_guard();
--> statement-breakpoint
-- A merged person's aids belong on the record kept: none is recorded for them any more.
CREATE OR REPLACE FUNCTION tamkin_aid_not_merged() RETURNS trigger LANGUAGE plpgsql SET search_path = public, pg_catalog AS $$
DECLARE
  p record;
BEGIN
  SELECT * INTO p FROM app_person_facts(NEW.person_id);
  IF p.merged THEN
    RAISE EXCEPTION 'a merged person takes no new technical aid' USING ERRCODE = 'TK440', HINT = 'personAlreadyMerged';
  END IF;
  RETURN NEW;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER technical_aids_not_merged BEFORE INSERT ON technical_aids FOR EACH ROW EXECUTE FUNCTION tamkin_aid_not_merged();
