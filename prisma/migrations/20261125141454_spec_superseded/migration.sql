-- AlterEnum
ALTER TYPE "SpecRevisionStatus" ADD VALUE 'SUPERSEDED';
