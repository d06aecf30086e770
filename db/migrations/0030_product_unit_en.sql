ALTER TABLE "products" ADD COLUMN "unit_en" text;--> statement-breakpoint
-- Products already recorded get the English of the units the communes use (the rest keep falling
-- back to the French unit until a committee member writes it). Migrations run as the owner in
-- maintenance mode, which sees every commune's products.
UPDATE products SET unit_en = CASE unit
  WHEN 'kg' THEN 'kg' WHEN 'litre' THEN 'litre' WHEN 'sac 50 kg' THEN '50 kg bag' WHEN 'paquet 250 g' THEN '250 g packet'
  WHEN 'sachet 400 g' THEN '400 g sachet' WHEN 'paquet 500 g' THEN '500 g packet' WHEN 'morceau' THEN 'bar'
  WHEN 'bouteille 6 kg' THEN '6 kg bottle' WHEN 'tête' THEN 'head' WHEN 'sachet' THEN 'sachet' WHEN 'pièce' THEN 'piece'
  WHEN 'bobine' THEN 'spool' END
WHERE unit_en IS NULL;
