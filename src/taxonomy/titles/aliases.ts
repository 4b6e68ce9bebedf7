/**
 * Job titles of our own: common Swedish titles that JobTech's occupation names and their synonyms
 * (data/reference/jobtech_occupation_names.csv, jobtech_occupation_name_synonyms.csv) do not hold,
 * each pointing at the occupation group (JobTech ssyk-level-4 concept id, with its SSYK 2012 code
 * for the reader) that the data itself puts the same work in. Keep it small: a title belongs here
 * only when it is in everyday use, is missing from the data, and has one clear group — an
 * ambiguous title ("projektledare", "ekonom") is left to the search, which lists every group.
 * test/node/taxonomy.job-titles.test.ts checks that every id and code agree with the reference data.
 */
export interface JobTitleAlias {
  title: string;
  /** JobTech ssyk-level-4 concept id (occupations.id). */
  groupId: string;
  /** The group's SSYK 2012 code, as data/reference/jobtech_occupation_names.csv gives it. */
  ssyk: string;
}

export const JOB_TITLE_ALIASES: readonly JobTitleAlias[] = [
  // The maritime engineer's degree and title (sjöingenjörsexamen); the data has the officer
  // posts it leads to ("Maskinbefäl, fartyg", "1:e Fartygsingenjör") under Maskinbefäl.
  { title: 'Sjöingenjör', groupId: 'Rsoy_sS6_6c4', ssyk: '3151' },
  // The master's certificate and title; the data has "Befälhavare, fartyg" under Fartygsbefäl m.fl.
  { title: 'Sjökapten', groupId: 'kDnq_Q98_sD3', ssyk: '3152' },
  // The everyday word for an electrician; the data has only compounds, of which the general trade
  // (installation and service, "Installationselektriker") is Installations- och serviceelektriker.
  { title: 'Elektriker', groupId: 'yyF7_jsW_EeP', ssyk: '7411' },
  // Colloquial for a plumber; the data's name is "VVS-montör", under VVS-montörer m.fl.
  { title: 'Rörmokare', groupId: 'fLKb_bJ3_69p', ssyk: '7125' },
  // The usual title in garages; the group's definition names cars ("personbilar") and the data has
  // "Lastbilsmekaniker" in the same group.
  { title: 'Bilmekaniker', groupId: 'Lzpv_ofL_3H5', ssyk: '7231' },
  // "Chaufför" is the everyday word for "förare"; the data has "Lastbilsförare m.fl.", "Buss- och
  // spårvagnsförare" ("Bussförare") and "Taxiförare m.fl." ("Taxiförare") under these groups.
  { title: 'Lastbilschaufför', groupId: '3MBw_pDA_P2F', ssyk: '8332' },
  { title: 'Busschaufför', groupId: 'FiDm_2S8_gx7', ssyk: '8331' },
  { title: 'Taxichaufför', groupId: 'ffz2_2n3_R7g', ssyk: '8321' },
  // The everyday titles at a till; the data's names are "Kassapersonal" and the group
  // Kassapersonal m.fl. ("Tar betalt för kunders inköp").
  { title: 'Kassör', groupId: 'WNVp_RYe_zLX', ssyk: '5230' },
  { title: 'Kassörska', groupId: 'WNVp_RYe_zLX', ssyk: '5230' },
];
