/** The tables the bench data fills, in foreign-key order, with the columns it writes. */
import type { TableSpec } from "./copy";

const t = (name: string, columns: string): TableSpec => ({ name, columns: columns.split(",").map((c) => c.trim()) });

export const SPECS: TableSpec[] = [
  t("places", "id, parent_id, level, name, pcode, community"),
  t("organisations", "id, slug, name, type, territory_place_id, created_at"),
  t("consortium_members", "consortium_id, member_org_id"),
  t("org_communes", "org_id, commune_org_id"),
  t("users", "id, email, name, password_hash, locale, created_at"),
  t("memberships", "id, user_id, org_id, role, created_at"),
  t(
    "groups",
    "id, ngo_org_id, network_org_id, activity_type, village_id, name, start_date, starting_capital_amount, starting_capital_currency, status, profit_rule, created_at",
  ),
  t("households", "id, ngo_org_id, settlement_id, size, status, cash_transfer_since, created_at"),
  t(
    "people",
    "id, ngo_org_id, household_id, name, sex, birth_year, wg_seeing, wg_hearing, wg_walking, wg_cognition, wg_self_care, wg_communication, created_at",
  ),
  t("technical_aids", "id, ngo_org_id, person_id, aid_type, received_on"),
  t("group_memberships", "id, group_id, person_id, joined_on, left_on, created_at"),
  t("manager_teams", "id, group_id, name, weight, created_at"),
  t("manager_team_members", "team_id, membership_id"),
  t("manager_terms", "id, group_id, team_id, starts_on, ends_on"),
  t("ledger_entries", "id, ngo_org_id, group_id, kind, occurred_on, amount, currency, note, version, voided_at, void_reason, created_by, created_at"),
  t("ledger_entry_history", "id, entry_id, action, changed_by, changed_at, before, after"),
  t("ledger_entry_notes", "entry_id, ngo_org_id, group_id, note"),
  t("customer_credits", "id, group_id, sale_entry_id, customer_name, community, amount, currency, granted_on, due_on, created_at"),
  t("credit_repayments", "id, credit_id, paid_on, amount, created_at"),
  t("profit_distributions", "id, group_id, period_from, period_to, currency, profit, rule, recorded_by, recorded_at"),
  t("profit_shares", "distribution_id, membership_id, amount"),
  t("coaching_visits", "id, ngo_org_id, group_id, visited_on, coach_user_id, coach_name, topics, findings, voided_at, void_reason, created_at"),
  t("coaching_follow_ups", "id, ngo_org_id, visit_id, action, due_on, done_on"),
  t(
    "group_evaluations",
    "id, ngo_org_id, group_id, quarter, evaluated_on, rules_respected, books_kept, stock_checked, score, comments, evaluator_user_id, created_at",
  ),
  t(
    "cohesion_surveys",
    "id, org_id, village_id, quarter, surveyed_on, host_women, host_men, refugee_women, refugee_men, disputes_referred, disputes_resolved, notes, created_by, created_at",
  ),
  t("cohesion_answers", "survey_id, org_id, indicator_code, community, level1, level2, level3, level4"),
  t("price_settings", "commune_org_id, notice_days, stability_threshold_pct, updated_at"),
  t("suppliers", "id, commune_org_id, name, phone, created_at"),
  t("products", "id, commune_org_id, name_fr, name_ar, name_en, unit, unit_ar, category, pictogram, sort_order, created_at"),
  t("price_sessions", "id, commune_org_id, held_on, place, minutes, status, version, updated_by, updated_at, created_at"),
  t("session_attendees", "id, commune_org_id, session_id, name, constituency, created_at"),
  t(
    "negotiated_prices",
    "id, commune_org_id, product_id, session_id, supplier_id, purchase_price, selling_price, currency, effective_on, supersedes_id, created_by, created_at",
  ),
  t("price_notices", "id, commune_org_id, price_id, published_on, effective_on, is_increase, channels, created_at, recorded_at?"),
  t("price_notice_villages", "commune_org_id, notice_id, village_id"),
  t("purchase_orders", "id, commune_org_id, session_id, supplier_id, status, version, updated_by, updated_at, created_at"),
  t("purchase_order_lines", "id, commune_org_id, order_id, group_id, product_id, quantity, unit_price, currency, delivered_quantity"),
  t("market_observations", "id, commune_org_id, product_id, place_id, observed_on, price, currency, created_by, created_at"),
  t("declared_figures", "id, org_id, metric, label, declared_value, source, created_at"),
  t("quarter_locks", "id, ngo_org_id, quarter, locked_at, locked_by, unlocked_at, unlocked_by, unlock_reason"),
];

/** Tables whose bench rows are counted in the summary (exchange_rates is written apart). */
export const TABLES = [...SPECS.map((s) => s.name), "exchange_rates"];
