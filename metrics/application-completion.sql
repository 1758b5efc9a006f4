-- Application completion: the share of the account applications started each week that
-- were completed (the KPI of "Opening a current account"), in percent.
-- database: sqlite:///metrics-demo.sqlite
-- (made by: python docs/examples/metrics_demo_database.py; a team's own database is named by
-- the environment variable JOURNEYMAPS_DATABASE_URL, or '-- database: $VARIABLE')
SELECT date(started_at, '-6 days', 'weekday 1') AS week,
       round(100.0 * count(completed_at) / count(*), 1) AS completion
FROM applications
WHERE date(started_at) >= :since  -- the latest week already in the CSV: it is counted again
GROUP BY week
ORDER BY week
