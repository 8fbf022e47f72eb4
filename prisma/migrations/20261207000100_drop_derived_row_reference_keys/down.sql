-- Rollback of drop_derived_row_reference_keys: the five keys come back. A row naming a chain that is
-- gone is first given what the keys' actions would have given it (a lot or position loses its chain,
-- a roll link is deleted), so the keys validate; contracts are never deleted, so none is missing.
UPDATE "matched_lots" t SET "chain_id" = NULL
 WHERE "chain_id" IS NOT NULL AND NOT EXISTS (SELECT 1 FROM "roll_chains" c WHERE c."id" = t."chain_id");
UPDATE "open_positions" t SET "chain_id" = NULL
 WHERE "chain_id" IS NOT NULL AND NOT EXISTS (SELECT 1 FROM "roll_chains" c WHERE c."id" = t."chain_id");
DELETE FROM "roll_links" t WHERE NOT EXISTS (SELECT 1 FROM "roll_chains" c WHERE c."id" = t."chain_id");

ALTER TABLE "matched_lots" ADD CONSTRAINT "matched_lots_instrument_id_fkey" FOREIGN KEY ("instrument_id") REFERENCES "option_instruments"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "matched_lots" ADD CONSTRAINT "matched_lots_chain_id_fkey" FOREIGN KEY ("chain_id") REFERENCES "roll_chains"("id") ON DELETE SET NULL ON UPDATE CASCADE;
ALTER TABLE "open_positions" ADD CONSTRAINT "open_positions_instrument_id_fkey" FOREIGN KEY ("instrument_id") REFERENCES "option_instruments"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "open_positions" ADD CONSTRAINT "open_positions_chain_id_fkey" FOREIGN KEY ("chain_id") REFERENCES "roll_chains"("id") ON DELETE SET NULL ON UPDATE CASCADE;
ALTER TABLE "roll_links" ADD CONSTRAINT "roll_links_chain_id_fkey" FOREIGN KEY ("chain_id") REFERENCES "roll_chains"("id") ON DELETE CASCADE ON UPDATE CASCADE;
