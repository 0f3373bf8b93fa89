import type { ReadingMessages } from './reading.zh-CN';

const reading: ReadingMessages = {
  title: 'Meter reading',
};

export default reading;
