/** Where a change to one feature shows: its page, the board and My work. */
export const featurePaths = ({ teamId, featureId }: { teamId: string; featureId: string }) => [
  `/teams/${teamId}/features/${featureId}`,
  `/teams/${teamId}`,
  `/teams/${teamId}/my-work`,
];
