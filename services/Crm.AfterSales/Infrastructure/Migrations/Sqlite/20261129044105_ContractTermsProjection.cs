using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Crm.AfterSales.Infrastructure.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class ContractTermsProjection : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "ProjectedContracts",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    BranchId = table.Column<string>(type: "TEXT", maxLength: 50, nullable: false),
                    CustomerId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Number = table.Column<string>(type: "TEXT", maxLength: 50, nullable: false),
                    Signed = table.Column<bool>(type: "INTEGER", nullable: false),
                    EffectiveOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    ExpiresOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    LatestVersion = table.Column<int>(type: "INTEGER", nullable: false),
                    EndedOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    AutoRenew = table.Column<bool>(type: "INTEGER", nullable: false),
                    RenewsContractId = table.Column<Guid>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ProjectedContracts", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "ProjectedContractVersions",
                columns: table => new
                {
                    ContractId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false),
                    BranchId = table.Column<string>(type: "TEXT", maxLength: 50, nullable: false),
                    CustomerId = table.Column<Guid>(type: "TEXT", nullable: false),
                    EffectiveOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    ExpiresOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Reason = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    DistributionLevel = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    TermsJson = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ProjectedContractVersions", x => new { x.ContractId, x.Version });
                    table.ForeignKey(
                        name: "FK_ProjectedContractVersions_ProjectedContracts_ContractId",
                        column: x => x.ContractId,
                        principalTable: "ProjectedContracts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_ProjectedContracts_BranchId_ExpiresOn",
                table: "ProjectedContracts",
                columns: new[] { "BranchId", "ExpiresOn" });

            migrationBuilder.CreateIndex(
                name: "IX_ProjectedContracts_CustomerId",
                table: "ProjectedContracts",
                column: "CustomerId");

            migrationBuilder.CreateIndex(
                name: "IX_ProjectedContractVersions_DistributionLevel_EffectiveOn",
                table: "ProjectedContractVersions",
                columns: new[] { "DistributionLevel", "EffectiveOn" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ProjectedContractVersions");

            migrationBuilder.DropTable(
                name: "ProjectedContracts");
        }
    }
}
