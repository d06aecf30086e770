-- Technical aids of a group's members are readable with the group, like the members themselves
-- (people_read_group): a commune, a cooperative network or a consortium reading a group sees
-- its members' aids (inclusion dashboard, group page). Writing stays the NGO's (0009).
CREATE POLICY technical_aids_read_group ON technical_aids FOR SELECT
  USING (person_id IN (SELECT p.id FROM people p));
