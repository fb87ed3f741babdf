// Synthetic people for the simulators, the demo and the tests: valid resident ID numbers (region, birth date,
// sequence, check character), plausible Chinese names, mainland mobile numbers. Seeded, so a run can be repeated.
import type { Applicant } from '../../domain/applicant';
import { makeResidentId } from '../../domain/resident-id';

const SURNAMES = [
  '王',
  '李',
  '张',
  '刘',
  '陈',
  '杨',
  '黄',
  '赵',
  '吴',
  '周',
  '徐',
  '孙',
  '马',
  '朱',
  '胡',
  '郭',
  '何',
  '林',
  '罗',
  '高',
];
const GIVEN = [
  '伟',
  '芳',
  '娜',
  '敏',
  '静',
  '丽',
  '强',
  '磊',
  '军',
  '洋',
  '勇',
  '艳',
  '杰',
  '娟',
  '涛',
  '明',
  '超',
  '秀英',
  '霞',
  '平',
  '刚',
  '桂英',
  '华',
  '建国',
  '丹',
  '玲',
  '鹏',
  '宇',
  '婷',
  '浩然',
];
/** Region codes of Zhejiang (the "provincial" center of the demo): Hangzhou districts and other cities. */
const REGIONS = [
  '330102',
  '330105',
  '330106',
  '330108',
  '330110',
  '330203',
  '330302',
  '330402',
  '330502',
  '330602',
];

/** mulberry32: small, fast, seedable; good enough for synthetic data. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface SyntheticPerson extends Applicant {
  birthDate: string;
}

export function syntheticPeople(
  count: number,
  seed = 1,
  options: { minAge?: number; maxAge?: number } = {},
): SyntheticPerson[] {
  const random = seededRandom(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
  const minAge = options.minAge ?? 18;
  const maxAge = options.maxAge ?? 58;
  const people: SyntheticPerson[] = [];
  const seen = new Set<string>();
  while (people.length < count) {
    const year = 2026 - minAge - Math.floor(random() * (maxAge - minAge));
    const month = 1 + Math.floor(random() * 12);
    const day = 1 + Math.floor(random() * 28);
    const birthDate = `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
    const residentId = makeResidentId({
      regionCode: pick(REGIONS),
      birthDate,
      sequence: Math.floor(random() * 1000),
    });
    if (seen.has(residentId)) continue;
    seen.add(residentId);
    people.push({
      residentId,
      birthDate,
      name: pick(SURNAMES) + pick(GIVEN),
      phone: `13${String(Math.floor(random() * 1e9)).padStart(9, '0')}`,
      photoId: `PH${String(Math.floor(random() * 1e10)).padStart(10, '0')}`,
    });
  }
  return people;
}
