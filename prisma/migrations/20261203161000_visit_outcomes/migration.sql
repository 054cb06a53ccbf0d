-- Outcomes of a visit besides completed (issue 16 part 5): nobody met, or the family asked for another time.
-- Neither is a service; a rescheduled one frees the family to book again (next migration: the partial index).
ALTER TYPE "VisitStatus" ADD VALUE 'NO_SHOW';
ALTER TYPE "VisitStatus" ADD VALUE 'RESCHEDULED_BY_FAMILY';
