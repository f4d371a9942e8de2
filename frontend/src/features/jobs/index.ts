export { JobDetail } from './components/JobDetail';
export { JobList } from './components/JobList';
export { useActiveJobs } from './hooks/useActiveJobs';
