{{- define "doppel.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" }}
{{- end }}

{{- define "doppel.fullname" -}}
{{- if .Values.fullnameOverride }}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" }}
{{- else if contains (include "doppel.name" .) .Release.Name }}
{{- .Release.Name | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- printf "%s-%s" .Release.Name (include "doppel.name" .) | trunc 63 | trimSuffix "-" }}
{{- end }}
{{- end }}

{{- define "doppel.labels" -}}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
{{- end }}

{{/* Selector labels of one component: pass (dict "root" $ "component" "api"). */}}
{{- define "doppel.selectorLabels" -}}
app.kubernetes.io/name: {{ include "doppel.name" .root }}
app.kubernetes.io/instance: {{ .root.Release.Name }}
app.kubernetes.io/component: {{ .component }}
{{- end }}

{{- define "doppel.image" -}}
{{- printf "%s:%s" .image.repository (default .root.Chart.AppVersion .image.tag) }}
{{- end }}

{{- define "doppel.databaseSecret" -}}
{{- default (printf "%s-database" (include "doppel.fullname" .)) .Values.postgresql.existingSecret }}
{{- end }}

{{- define "doppel.brokerSecret" -}}
{{- default (printf "%s-broker" (include "doppel.fullname" .)) .Values.rabbitmq.existingSecret }}
{{- end }}

{{- define "doppel.objectStoreSecret" -}}
{{- default (printf "%s-object-store" (include "doppel.fullname" .)) .Values.objectStore.existingSecret }}
{{- end }}

{{/*
The servers both services use, under the property names the apps bind (README, Configuration).
Credentials come from the Secrets, never from values written into the pod spec.
*/}}
{{- define "doppel.serverEnv" -}}
- name: SPRING_DATASOURCE_URL
  value: {{ printf "jdbc:postgresql://%s:%v/%s?sslmode=%s" .Values.postgresql.host .Values.postgresql.port .Values.postgresql.database .Values.postgresql.sslmode | quote }}
- name: SPRING_DATASOURCE_USERNAME
  valueFrom:
    secretKeyRef:
      name: {{ include "doppel.databaseSecret" . }}
      key: username
- name: SPRING_DATASOURCE_PASSWORD
  valueFrom:
    secretKeyRef:
      name: {{ include "doppel.databaseSecret" . }}
      key: password
- name: SPRING_RABBITMQ_HOST
  value: {{ .Values.rabbitmq.host | quote }}
- name: SPRING_RABBITMQ_PORT
  value: {{ .Values.rabbitmq.port | quote }}
- name: SPRING_RABBITMQ_USERNAME
  valueFrom:
    secretKeyRef:
      name: {{ include "doppel.brokerSecret" . }}
      key: username
- name: SPRING_RABBITMQ_PASSWORD
  valueFrom:
    secretKeyRef:
      name: {{ include "doppel.brokerSecret" . }}
      key: password
- name: DOPPEL_STORAGE_ENDPOINT
  value: {{ .Values.objectStore.endpoint | quote }}
{{- with .Values.objectStore.publicEndpoint }}
- name: DOPPEL_STORAGE_PUBLIC_ENDPOINT
  value: {{ . | quote }}
{{- end }}
- name: DOPPEL_STORAGE_BUCKET
  value: {{ .Values.objectStore.bucket | quote }}
- name: DOPPEL_STORAGE_REGION
  value: {{ .Values.objectStore.region | quote }}
- name: DOPPEL_STORAGE_ACCESS_KEY
  valueFrom:
    secretKeyRef:
      name: {{ include "doppel.objectStoreSecret" . }}
      key: access-key
- name: DOPPEL_STORAGE_SECRET_KEY
  valueFrom:
    secretKeyRef:
      name: {{ include "doppel.objectStoreSecret" . }}
      key: secret-key
- name: DOPPEL_JOBS_NAMESPACE
  value: {{ .Values.jobs.namespace | quote }}
{{- end }}

{{/* Actuator probes on the management port; liveness never depends on jobs or servers. */}}
{{- define "doppel.probes" -}}
startupProbe:
  httpGet:
    path: /actuator/health/liveness
    port: management
  periodSeconds: 5
  failureThreshold: 60
livenessProbe:
  httpGet:
    path: /actuator/health/liveness
    port: management
  periodSeconds: 10
  timeoutSeconds: 5
  failureThreshold: 3
readinessProbe:
  httpGet:
    path: /actuator/health/readiness
    port: management
  periodSeconds: 10
  timeoutSeconds: 5
  failureThreshold: 3
{{- end }}
