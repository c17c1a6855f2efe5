"""Small templates the DP rules' examples share (one Lambda@Edge function, one distribution)."""

EDGE_TEMPLATE = """AWSTemplateFormatVersion: '2010-09-09'
Resources:
  EdgeRole:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument:
        Version: '2012-10-17'
        Statement:
          - Effect: Allow
            Principal:
              Service: [lambda.amazonaws.com, edgelambda.amazonaws.com]
            Action: sts:AssumeRole
  EdgeFn:
    Type: AWS::Lambda::Function
    Properties:
      Runtime: nodejs22.x
      Handler: index.handler
      Role: !GetAtt EdgeRole.Arn
      Code: {{S3Bucket: b, S3Key: k}}
{props}  EdgeVersion:
    Type: AWS::Lambda::Version
    Properties:
      FunctionName: !Ref EdgeFn
  Dist:
    Type: AWS::CloudFront::Distribution
    Properties:
      DistributionConfig:
        DefaultCacheBehavior:
          LambdaFunctionAssociations:
            - EventType: {event}
              LambdaFunctionARN: {arn}
{extra}"""


def edge(props: str = "", event: str = "origin-request", arn: str = "!Ref EdgeVersion", extra: str = "") -> str:
    """A template whose EdgeFn has extra `props` (indented 6 spaces) on `event`."""
    return EDGE_TEMPLATE.format(props=props, event=event, arn=arn, extra=extra)
