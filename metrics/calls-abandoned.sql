-- Calls abandoned: the share of calls to the clinic each week that hung up before an answer
-- (the KPI of "Booking a clinic visit"), in percent.
-- database: sqlite:///metrics-demo.sqlite
SELECT date(at, '-6 days', 'weekday 1') AS week,
       round(100.0 * sum(1 - answered) / count(*), 1) AS abandoned
FROM calls
WHERE date(at) >= :since
GROUP BY week
ORDER BY week
