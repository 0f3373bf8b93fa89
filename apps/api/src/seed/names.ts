/** Deterministic believable Chinese names and phone numbers for demo and benchmark data. */
export const SURNAMES = [...'王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤'];
export const GIVEN_NAMES = [
  '伟', '芳', '娜', '秀英', '敏', '静', '丽', '强', '磊', '军', '洋', '勇', '艳', '杰', '娟', '涛', '明', '超', '秀兰', '霞',
  '平', '刚', '桂英', '建华', '文', '华', '建国', '红', '玉兰', '志强', '晓东', '海燕', '子涵', '梓萱', '浩然', '雨轩', '欣怡', '俊杰', '思远', '佳琪',
];

/** mulberry32: a tiny seeded PRNG so the same seed always builds the same company. */
export function rng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function personName(r: () => number) {
  return SURNAMES[Math.floor(r() * SURNAMES.length)]! + GIVEN_NAMES[Math.floor(r() * GIVEN_NAMES.length)]!;
}

/** Phones in 139/137/186 ranges, unique by index. */
export function phoneFor(i: number) {
  const prefix = ['139', '137', '186', '158'][i % 4]!;
  return prefix + String(10000000 + ((i * 7919) % 89999999)).padStart(8, '0');
}
