// 抄表 (the reader's screens: routes, meters, the keypad, sync states). English in ./reading.en.ts.
const reading = {
  title: '抄表',
};

export type ReadingMessages = typeof reading;
export default reading;
