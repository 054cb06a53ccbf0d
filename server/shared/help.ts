// The crisis help card (求助热线): what anyone can read without signing in, in the mini program and the web.
// Shared by client and server: the national lines show even before (or without) an answer from the server.

export interface Hotline {
  name: string;
  number: string;
}

/** 120 and 110: first when there is danger now. */
export const EMERGENCY_HOTLINES: Hotline[] = [
  { name: '急救电话（有紧急危险时）', number: '120' },
  { name: '报警电话（有紧急危险时）', number: '110' },
];

export const NATIONAL_HOTLINES: Hotline[] = [
  { name: '12356 心理援助热线', number: '12356' },
  { name: '12355 青少年服务台', number: '12355' },
];

/** What to do right now, in plain words (for a frightened parent or grandparent, day or night). */
export const HELP_NOW: string[] = [
  '如果孩子正在伤害自己、说要结束生命，或者已经受伤：马上拨打 120 或 110。',
  '不要让孩子一个人待着。陪在孩子身边，说话轻一点、慢一点。',
  '把药、刀、绳子这些可能伤害自己的东西收起来。',
  '不要责骂，不要说“想开点”“别矫情”。告诉孩子：“你很重要，我们一起想办法。”',
  '拨打 12356 心理援助热线，说出孩子现在的样子，听从接线员的建议。',
  '尽快告诉孩子的班主任或学校的心理老师，并带孩子到正规医院的精神心理科看一看。',
];

/** Signs that mean: act today (the policy asks parents to recognise them and contact the school in time). */
export const WARNING_SIGNS: string[] = [
  '说“活着没意思”“不想活了”，或者写、画与死亡有关的内容',
  '把心爱的东西送人，像是在告别',
  '突然不吃饭、不睡觉，或者整天躲在屋里不出来',
  '身上有不明原因的伤痕',
  '不愿意去上学，和朋友、家人都不说话',
];
