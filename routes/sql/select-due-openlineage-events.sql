-- The events due now, each only once no earlier event of its run is pending (START before COMPLETE; a parked START
-- does not hold its COMPLETE back), fewest failed attempts first, then oldest: a look ends at its first failed send,
-- so events the consumer keeps failing, oldest in the outbox, would otherwise end every look before a newer event is
-- reached. Locked until the delivery transaction records their outcome; rows another instance holds are skipped,
-- not waited for.
SELECT o.id, o.run_id, o.sequence_no, o.payload, o.attempts
FROM openlineage_outbox o
WHERE o.state = 'pending'
  AND o.next_attempt_at <= :#${exchangeProperty.now}
  AND NOT EXISTS (
      SELECT 1 FROM openlineage_outbox e
      WHERE e.run_id = o.run_id AND e.sequence_no < o.sequence_no AND e.state = 'pending'
  )
ORDER BY o.attempts, o.id
LIMIT :#${exchangeProperty.batch_size}
FOR UPDATE SKIP LOCKED
