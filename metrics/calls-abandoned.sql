-- Calls abandoned: the share of calls to the clinic each month that hung up before an
-- answer (a KPI of "Booking a clinic visit"), in percent.
-- database: sqlite:///metrics-demo.sqlite
SELECT strftime('%Y-%m-01', at) AS month,
       round(100.0 * sum(1 - answered) / count(*), 1) AS abandoned
FROM calls
WHERE at >= :since
GROUP BY month
ORDER BY month
