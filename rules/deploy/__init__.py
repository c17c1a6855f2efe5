"""Rules for deployment configuration: CloudFormation/SAM, serverless.yml, Terraform, cdk.out."""
