-- A city's own crisis lines (the help card, checklist results), kept by a province ADMIN instead of an
-- environment variable; CITY_HOTLINES stays the fallback for cities with no row.
CREATE TABLE "CityHotline" (
    "id" TEXT NOT NULL,
    "cityId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "number" TEXT NOT NULL,
    "sortOrder" INTEGER NOT NULL,
    "updatedById" TEXT,
    "updatedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "CityHotline_pkey" PRIMARY KEY ("id")
);
CREATE INDEX "CityHotline_cityId_sortOrder_idx" ON "CityHotline"("cityId", "sortOrder");
ALTER TABLE "CityHotline" ADD CONSTRAINT "CityHotline_cityId_fkey" FOREIGN KEY ("cityId") REFERENCES "OrgUnit"("id") ON DELETE CASCADE ON UPDATE CASCADE;
