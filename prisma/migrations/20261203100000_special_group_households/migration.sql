-- Special-group households (留守, 流动, 孤儿, 事实无人抚养, 单亲, 残疾): marked by the school, they drive each
-- semester's home-visit due list (visits.due).
ALTER TABLE "Family" ADD COLUMN "specialGroups" TEXT[] DEFAULT ARRAY[]::TEXT[];
