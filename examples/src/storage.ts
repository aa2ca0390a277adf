import { S3Client } from '@aws-sdk/client-s3';
import { config } from './config';

// Finance exports and their manifests live in S3; one client per process.
export const s3 = new S3Client({ region: config.awsRegion });
