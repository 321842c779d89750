/** The planner's ordinal comparisons live with the model, which sorts with them too. */
export { compareStrings, compareTuples, sortedStrings } from '../model/compare.js';
