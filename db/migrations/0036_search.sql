-- Issue 14, point 4: search. Names are found whatever their accents, case or script: every
-- person and group keeps a search key (a stored generated column) made of
--   the name normalised: Arabic letters transliterated to Latin (French-style, as Mauritanian
--   civil registers write them: ش ch, خ kh, غ gh, و ou, ي i, ة a; short vowels and ع dropped),
--   accents stripped (unaccent), lower case, anything but letters and digits as one space;
--   and its consonant skeleton: the same without vowels, doubled letters once, sh/ch, dj/j,
--   c/k/q unified, so that "محمد", "Mohamed" and "Mohammed" all read "mhmd".
-- A query matches a substring of the normalised key (LIKE), or its skeleton is similar to a word
-- of the key (pg_trgm word similarity, threshold 0.6). Both use the trigram GIN index. Villages
-- and products are few per scope: they are normalised on the fly with the same functions.
-- pg_trgm and unaccent are trusted extensions: a database owner may create them (PGlite loads
-- them in db/client.ts).
CREATE EXTENSION IF NOT EXISTS pg_trgm;--> statement-breakpoint
CREATE EXTENSION IF NOT EXISTS unaccent;--> statement-breakpoint
-- Immutable (unaccent() is only stable because its dictionary could change; this one does not),
-- so that it may define a generated column. Qualified names: no dependency on search_path.
CREATE OR REPLACE FUNCTION app_search_norm(t text) RETURNS text LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
  SELECT btrim(regexp_replace(
    lower(public.unaccent('public.unaccent'::regdictionary,
      pg_catalog.translate(
        replace(replace(replace(replace(t, 'ش', 'ch'), 'خ', 'kh'), 'غ', 'gh'), 'و', 'ou'),
        'اأإآىبتثجحدذرزسصضطظفقكلمنهيةئیک٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹ءعؤـًٌٍَُِّْٰ',
        'aaiaabttjhddrzssdtzfkklmnhiaiik01234567890123456789'))),
    '[^a-z0-9]+', ' ', 'g'))
$$;--> statement-breakpoint
-- The consonant skeleton of a normalised text.
CREATE OR REPLACE FUNCTION app_search_skeleton(n text) RETURNS text LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
  SELECT btrim(regexp_replace(regexp_replace(regexp_replace(
    pg_catalog.translate(regexp_replace(replace(replace(replace(n, 'sh', 'ch'), 'dj', 'j'), 'ph', 'f'), 'c(?!h)', 'k', 'g'), 'q', 'k'),
    '[aeiouyw]', '', 'g'), '(.)\1+', '\1', 'g'), ' +', ' ', 'g'))
$$;--> statement-breakpoint
CREATE OR REPLACE FUNCTION app_search_key(t text) RETURNS text LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
  SELECT public.app_search_norm(t) || ' ' || public.app_search_skeleton(public.app_search_norm(t))
$$;--> statement-breakpoint
ALTER TABLE people ADD COLUMN search_key text GENERATED ALWAYS AS (app_search_key(name)) STORED;--> statement-breakpoint
ALTER TABLE groups ADD COLUMN search_key text GENERATED ALWAYS AS (app_search_key(name)) STORED;--> statement-breakpoint
CREATE INDEX people_search_idx ON people USING gin (search_key gin_trgm_ops);--> statement-breakpoint
CREATE INDEX groups_search_idx ON groups USING gin (search_key gin_trgm_ops);
